import { UpdateChannel, type UpdateSettings } from '../../../../shared/domain/DeskSettings'

type Props = {
  value: UpdateSettings
  onChange: (next: UpdateSettings) => void
}

const CHANNEL_LABEL: Record<UpdateChannel, string> = {
  latest: 'Stable releases',
  beta: 'Beta: early releases, and every stable one',
}

/** Desk settings' "Updates" part: whether the installed app updates itself, and from which channel. */
export function UpdateFields({ value, onChange }: Props) {
  return (
    <>
      <h3 className="panel-subtitle">Updates</h3>
      <div className="settings-grid">
        <label className="check-row">
          <input
            type="checkbox"
            checked={value.enabled}
            onChange={(e) => onChange({ ...value, enabled: e.target.checked })}
          />{' '}
          Update Copydesk automatically
        </label>
        <label className="stacked">
          <span>Update channel</span>
          <select
            value={value.channel}
            disabled={!value.enabled}
            onChange={(e) => {
              const channel = UpdateChannel.safeParse(e.target.value)
              if (channel.success) onChange({ ...value, channel: channel.data })
            }}
          >
            {UpdateChannel.options.map((channel) => (
              <option key={channel} value={channel}>
                {CHANNEL_LABEL[channel]}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p className="muted small">
        {value.enabled
          ? 'The installed app looks for a new version at start and once a day, downloads it in the background and asks before it restarts.'
          : 'Copydesk does not look for new versions: install them yourself, for example through your IT department.'}
      </p>
    </>
  )
}
