/** The indicator's glyphs: the state is told by the icon's shape and the words, not by colour alone. */
export type SyncIconKind =
  'online' | 'connecting' | 'syncing' | 'downloading' | 'offline' | 'locked' | 'alert' | 'clock'

const PATHS: Record<SyncIconKind, string[]> = {
  online: ['M3 8.5l3 3 7-7'],
  connecting: ['M8 2a6 6 0 1 1-6 6'],
  syncing: ['M13 8a5 5 0 0 1-8.6 3.5', 'M3 8a5 5 0 0 1 8.6-3.5', 'M12 1.5v3h-3', 'M4 14.5v-3h3'],
  downloading: ['M8 2v8', 'M4.5 6.5 8 10l3.5-3.5', 'M3 13.5h10'],
  offline: ['M2 2l12 12', 'M5.5 4.3A5 5 0 0 1 13 8.5', 'M3.2 6.6A5 5 0 0 0 10.5 13', 'M8 11.5h.01'],
  locked: ['M4 7.5h8v6.5H4z', 'M5.5 7.5V5a2.5 2.5 0 0 1 5 0v2.5'],
  alert: ['M8 1.8 14.6 13.8H1.4z', 'M8 6.2v3.6', 'M8 11.8h.01'],
  clock: ['M8 2a6 6 0 1 0 0 12A6 6 0 0 0 8 2z', 'M8 4.6V8l2.4 1.6'],
}

export function SyncIcon({ kind }: { kind: SyncIconKind }) {
  return (
    <svg
      className={`sync-icon sync-icon-${kind}`}
      viewBox="0 0 16 16"
      width="16"
      height="16"
      aria-hidden="true"
      focusable="false"
    >
      {PATHS[kind].map((d) => (
        <path key={d} d={d} />
      ))}
    </svg>
  )
}
