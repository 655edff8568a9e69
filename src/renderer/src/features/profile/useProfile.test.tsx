import { act } from 'react'
import { describe, expect, it } from 'vitest'
import type { Profile } from '../../../../shared/domain/Profile'
import { AppError } from '../../../../shared/ipc/AppError'
import { ProfileFailure } from './ProfileFailure'
import { useProfile } from './useProfile'
import { reactRootPerTest } from '../../../../../tests/support/reactRootPerTest'

const dom = reactRootPerTest()

/** What App shows for the profile: the failure, the first-start question, or who it is. */
function Shown({ load }: { load: () => Promise<Profile | null> }) {
  const { profile, failure, retry } = useProfile(load)
  if (failure) return <ProfileFailure message={failure} onRetry={retry} />
  if (profile === null) return <p>Who is at this workstation?</p>
  return <p>{profile ? `Signed in as ${profile.name}` : 'Loading'}</p>
}

describe('who is at this workstation', () => {
  // Regression (M7): any failure of getProfile was taken for "no profile yet", so a tab with a
  // valid token could be asked the first-start question, and answering it overwrote the profile.
  it('shows a failed read as an error with Retry, never as the first-start question', async () => {
    let answer: () => Promise<Profile | null> = () =>
      Promise.reject(new AppError('IO', 'The disk did not answer (EIO): read failed'))
    const load = () => answer()
    await act(async () => dom.root.render(<Shown load={load} />))
    const alert = dom.container.querySelector('[role="alert"]')
    expect(alert?.textContent).toContain('Copydesk could not read who is at this workstation')
    expect(alert?.textContent).toContain('The disk did not answer (EIO): read failed')
    expect(dom.container.textContent).not.toContain('Who is at this workstation?')

    answer = () => Promise.resolve({ name: 'Asha Rao', role: 'writer' })
    const retry = [...dom.container.querySelectorAll('button')].find(
      (b) => b.textContent === 'Retry',
    )
    await act(async () => retry?.click())
    expect(dom.container.textContent).toBe('Signed in as Asha Rao')
  })

  it('asks who this is only when the store answered that it has no profile', async () => {
    await act(async () => dom.root.render(<Shown load={() => Promise.resolve(null)} />))
    expect(dom.container.textContent).toBe('Who is at this workstation?')
  })
})
