import { acceleratorText, MENU_ACCELERATORS } from '../../../shared/keyboard/menuAccelerators'
import { useModalDialog } from '../useModalDialog'
import { isMac, SHORTCUT_GROUPS, SHORTCUTS, shortcutText, type Shortcut } from './shortcuts'
import './shortcutsDialog.css'

type Props = { onClose: () => void }

const ALL: Shortcut[] = Object.values(SHORTCUTS)

/** Every shortcut of the app, read from the one table the handlers and tooltips use. Opened by `?`. */
export function ShortcutsDialog({ onClose }: Props) {
  const dialog = useModalDialog()
  return (
    <dialog
      ref={dialog}
      className="settings-dialog shortcuts-dialog"
      aria-labelledby="shortcuts-title"
      onCancel={onClose}
    >
      {/* Focus starts on the title, so the dialog opens at its top and is read from there. */}
      <h2 id="shortcuts-title" tabIndex={-1} autoFocus>
        Keyboard shortcuts
      </h2>
      <div className="shortcuts-groups">
        {SHORTCUT_GROUPS.map((group) => (
          <table key={group} className="shortcuts-table">
            <caption>{group}</caption>
            <tbody>
              {ALL.filter((shortcut) => shortcut.group === group).map((shortcut) => (
                <tr key={shortcut.label}>
                  <th scope="row">
                    {shortcut.label}
                    {shortcut.note && <span className="muted"> ({shortcut.note})</span>}
                  </th>
                  <td>
                    <kbd>{shortcutText(shortcut)}</kbd>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
        <table className="shortcuts-table">
          <caption>Desktop app menu</caption>
          <tbody>
            {Object.values(MENU_ACCELERATORS).map((item) => (
              <tr key={item.label}>
                <th scope="row">{item.label}</th>
                <td>
                  <kbd>{acceleratorText(item.accelerator, isMac)}</kbd>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <footer className="dialog-foot">
        <button type="button" className="button primary" onClick={onClose}>
          Close
        </button>
      </footer>
    </dialog>
  )
}
