import { useEffect, useSyncExternalStore, type ReactNode } from 'react'
import { isElectron } from './api'
import { useDocumentTitle } from './a11y/useDocumentTitle'
import {
  hostState,
  retryHostSession,
  startHostSession,
  subscribeHostState,
  type HostState,
} from './hostSession'
import './hostGate.css'

/**
 * In a browser, the app is shown only to a tab holding this run's token; otherwise a full-screen
 * notice says how to get in (never the profile dialog, never a stale list). In Electron it is a
 * pass-through.
 */
export function HostGate({ children }: { children: ReactNode }) {
  const state = useSyncExternalStore(subscribeHostState, hostState)
  useEffect(() => {
    if (!isElectron) startHostSession()
  }, [])
  if (isElectron) return children
  if (state.kind === 'ready')
    return (
      <>
        {children}
        {state.hostDown && <HostDownBanner message={state.hostDown} />}
      </>
    )
  if (state.kind === 'connecting')
    return (
      <div className="host-screen" aria-busy="true">
        <p className="host-connecting">Opening Copydesk…</p>
      </div>
    )
  return <HostNotice state={state} />
}

const START = 'npm run web (or npm start)'

/** The host stopped answering while the tab was in: the screen stays, and says so. */
function HostDownBanner({ message }: { message: string }) {
  return (
    <section className="host-down" role="alert" aria-labelledby="host-down-title">
      <h2 id="host-down-title">Copydesk’s host is not answering</h2>
      <p>
        {message} What you type is kept in this browser and saved when it answers again; start it
        again with {START} if you stopped it.
      </p>
      <button type="button" className="button small" onClick={retryHostSession}>
        Check again
      </button>
    </section>
  )
}

function HostNotice({ state }: { state: Exclude<HostState, { kind: 'ready' | 'connecting' }> }) {
  const { title, text, retry } = describe(state)
  useDocumentTitle(title)
  return (
    <main className="host-screen">
      <section className="host-notice" role="alert" aria-labelledby="host-notice-title">
        <p className="host-brand">Copydesk</p>
        <h1 id="host-notice-title">{title}</h1>
        {text.map((line) => (
          <p key={line}>{line}</p>
        ))}
        {retry && (
          <button type="button" className="button primary" onClick={retryHostSession}>
            Try again
          </button>
        )}
      </section>
    </main>
  )
}

function describe(state: Exclude<HostState, { kind: 'ready' | 'connecting' }>): {
  title: string
  text: string[]
  retry?: boolean
} {
  switch (state.kind) {
    case 'restarted':
      return {
        title: 'Copydesk was restarted: open the new link',
        text: [
          'This tab was signed in to the run that stopped, and its access ended with it. Copydesk printed a new link in the terminal where it runs (“Open: http://127.0.0.1:…”): open that one.',
          `What was saved is in the data folder. Anything you typed that was not saved yet is kept in this browser: open the new link in this browser, at the same address (${window.location.host}), and reopen the story to get it back.`,
          'This page shows nothing until you open the new link, so you never work on an out-of-date list.',
        ],
      }
    case 'wrong-token':
      return {
        title: 'This link does not open this Copydesk',
        text: [
          'Its access key is not this run’s: it is from an earlier run, or it was copied only in part.',
          'Open the link Copydesk printed in the terminal where it runs (“Open: http://127.0.0.1:…”).',
        ],
      }
    case 'no-token':
      return {
        title: 'Open Copydesk from its link',
        text: [
          `In a browser, Copydesk opens only from the link it prints in the terminal when it starts with ${START}: “Open: http://127.0.0.1:…”. The link carries a key for that run, so no other web page or user of this computer can reach your stories.`,
          'Lost the link? It is still in that terminal; or stop Copydesk (Ctrl+C) and start it again for a new one.',
        ],
      }
    case 'link-refused':
      return { title: 'This launch link no longer works', text: [state.message] }
    case 'unreachable':
      return {
        title: 'Copydesk’s host is not answering',
        text: [
          state.message,
          `If you stopped it, start it again with ${START} and open the new link.`,
        ],
        retry: true,
      }
  }
}
