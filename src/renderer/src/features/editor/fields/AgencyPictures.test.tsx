import { act } from 'react'
import { describe, expect, it } from 'vitest'
import type { IncomingPicture } from '../../../../../shared/media/IncomingPicture'
import { reactRootPerTest } from '../../../../../../tests/support/reactRootPerTest'
import { AgencyPictures } from './AgencyPictures'

const dom = reactRootPerTest()

const SOLDIERS: IncomingPicture = {
  name: 'a001',
  href: 'https://media.example.se/a001_NormalHires.jpg',
  width: 4724,
  height: 3149,
  caption: 'Soldater under en tidigare övning.',
  credit: 'Karin Fotograf/TT',
  creator: 'Karin Fotograf',
  copyright: '© TT Nyhetsbyrån',
  altText: '',
}

function downloadButton(): HTMLButtonElement {
  const button = dom.container.querySelector('button')
  if (!button) throw new Error('no download button')
  return button
}

async function show(onDownload: (href: string) => Promise<void>): Promise<void> {
  await act(async () =>
    dom.root.render(
      <AgencyPictures pictures={[SOLDIERS]} editable hasLead={false} onDownload={onDownload} />,
    ),
  )
}

describe('AgencyPictures', () => {
  it('lists a waiting picture with its words and host, downloading nothing until the click', async () => {
    const asked: string[] = []
    await show(async (href) => void asked.push(href))
    const text = dom.container.textContent ?? ''
    expect(text).toContain('Soldater under en tidigare övning.')
    expect(text).toContain('Karin Fotograf/TT · © TT Nyhetsbyrån · from media.example.se')
    expect(downloadButton().getAttribute('aria-label')).toBe(
      'Download as lead picture: Soldater under en tidigare övning.',
    )
    expect(asked).toEqual([])
    await act(async () => downloadButton().click())
    expect(asked).toEqual([SOLDIERS.href])
  })

  it('says it is downloading while it runs, then shows a refusal in its own words', async () => {
    let refuse: (error: Error) => void = () => undefined
    await show(() => new Promise((_, reject) => (refuse = reject)))
    await act(async () => downloadButton().click())
    expect(dom.container.querySelector('[role="status"]')?.textContent).toBe(
      'Downloading from media.example.se…',
    )
    expect(downloadButton().disabled).toBe(true)
    await act(async () => refuse(new Error('Pictures are downloaded over https only')))
    expect(dom.container.querySelector('[role="alert"]')?.textContent).toBe(
      'Pictures are downloaded over https only',
    )
    expect(dom.container.querySelector('[role="status"]')?.textContent).toBe('')
    expect(downloadButton().disabled).toBe(false)
  })

  it('warns that a download replaces a lead picture the story already has', async () => {
    await act(async () =>
      dom.root.render(
        <AgencyPictures
          pictures={[SOLDIERS]}
          editable
          hasLead
          onDownload={async () => undefined}
        />,
      ),
    )
    expect(dom.container.textContent).toContain('downloading one replaces the lead picture')
  })

  it('shows nothing when the item carries no picture', async () => {
    await act(async () =>
      dom.root.render(
        <AgencyPictures
          pictures={[]}
          editable
          hasLead={false}
          onDownload={async () => undefined}
        />,
      ),
    )
    expect(dom.container.innerHTML).toBe('')
  })
})
