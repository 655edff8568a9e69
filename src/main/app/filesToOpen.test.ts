import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { filesToOpen } from './filesToOpen'

const exe = '/opt/Copydesk/copydesk'

describe('filesToOpen (which launch arguments are files to import)', () => {
  it('takes the paths given after the executable, relative to the launch’s working folder', () => {
    expect(filesToOpen([exe, 'story.ninjs.json', '/tmp/b.json'], false, '/home/ed/wire')).toEqual([
      '/home/ed/wire/story.ninjs.json',
      '/tmp/b.json',
    ])
  })

  it('ignores Chromium and Electron switches and macOS’s process serial number', () => {
    const argv = [
      exe,
      '--no-sandbox',
      '--allow-file-access-from-files',
      '--original-process-start-time=13378771012345',
      '--enable-logging=file',
      '-psn_0_123456',
      'a.ninjs.json',
    ]
    expect(filesToOpen(argv, false, '/w')).toEqual(['/w/a.ninjs.json'])
  })

  it('never takes the data folder of --data-dir for a file', () => {
    expect(filesToOpen([exe, '--data-dir', '/desk', 'a.json'], false, '/w')).toEqual(['/w/a.json'])
    expect(filesToOpen([exe, '--data-dir=/desk', 'a.json'], false, '/w')).toEqual(['/w/a.json'])
  })

  it('skips the app path of a development start (`electron out/main/index.js file`)', () => {
    const argv = ['/x/electron', 'out/main/index.js', 'a.json']
    expect(filesToOpen(argv, true, '/w')).toEqual(['/w/a.json'])
  })

  it('reads the file URLs a Linux desktop passes (%U), and no other address', () => {
    const argv = [
      exe,
      'file:///home/ed/Wire%20feed/story.ninjs.json',
      'https://evil.example/x.json',
    ]
    expect(filesToOpen(argv, false, '/w')).toEqual(['/home/ed/Wire feed/story.ninjs.json'])
    expect(filesToOpen([exe, 'copydesk://open?x', 'javascript:alert(1)'], false, '/w')).toEqual([])
  })

  it('takes everything after -- as a file, even a name that starts with a dash', () => {
    expect(filesToOpen([exe, '--', '-odd.json'], false, '/w')).toEqual(['/w/-odd.json'])
  })

  it('gives nothing for a plain start, and each file once', () => {
    expect(filesToOpen([exe], false, '/w')).toEqual([])
    expect(filesToOpen([exe, 'a.json', './a.json', '', '\0x'], false, '/w')).toEqual(['/w/a.json'])
  })

  it('keeps absolute paths as given, normalised', () => {
    expect(filesToOpen([exe, '/tmp/../tmp/a.json'], false, '/w')).toEqual([resolve('/tmp/a.json')])
  })
})
