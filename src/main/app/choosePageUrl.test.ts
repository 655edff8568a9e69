import { describe, expect, it } from 'vitest'
import { choosePageUrl } from './choosePageUrl'

describe('choosePageUrl (which page the desktop window loads)', () => {
  it('loads the built renderer from app://copydesk/ when nothing says otherwise', () => {
    expect(choosePageUrl(true, {})).toEqual({ url: 'app://copydesk/index.html' })
    expect(choosePageUrl(false, {})).toEqual({ url: 'app://copydesk/index.html' })
  })

  it('takes the dev server of ELECTRON_RENDERER_URL in a development build', () => {
    const env = { ELECTRON_RENDERER_URL: 'http://localhost:5173/' }
    expect(choosePageUrl(false, env)).toEqual({ url: 'http://localhost:5173/' })
    expect(choosePageUrl(false, { ELECTRON_RENDERER_URL: 'http://127.0.0.1:5173' }).url).toBe(
      'http://127.0.0.1:5173',
    )
  })

  it('never takes it in a packaged build, and says so for the log', () => {
    for (const devUrl of [
      'http://localhost:5173/',
      'https://evil.example/',
      'file:///tmp/x.html',
    ]) {
      const choice = choosePageUrl(true, { ELECTRON_RENDERER_URL: devUrl })
      expect(choice.url, devUrl).toBe('app://copydesk/index.html')
      expect(choice.ignored, devUrl).toMatch(/installed Copydesk loads only its own page/)
    }
  })

  it.each([
    'https://evil.example/',
    'http://192.168.1.5:5173/',
    'http://localhost.evil.example/',
    'http://user:pw@localhost:5173/',
    'file:///tmp/page.html',
    'javascript:alert(1)',
    'not a url',
  ])('refuses %s as a dev server even in a development build', (devUrl) => {
    const choice = choosePageUrl(false, { ELECTRON_RENDERER_URL: devUrl })
    expect(choice.url).toBe('app://copydesk/index.html')
    expect(choice.ignored).toMatch(/must be http\(s\) on this machine/)
  })
})
