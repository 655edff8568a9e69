import type { Editor } from '@tiptap/react'
import { useState, type FormEvent } from 'react'
import { isAllowedLink } from '../../../shared/editor-schema/editorExtensions'
import { useReturnFocus } from '../a11y/useReturnFocus'

type Props = { id: string; editor: Editor; onClose: () => void }

/**
 * Sets or removes the link on the selection; only http(s) and mailto addresses are accepted.
 * Applying or removing returns to the text; Escape returns to what opened the form (the Link
 * button, or the body after Ctrl+K).
 */
export function LinkForm({ id, editor, onClose }: Props) {
  const returnFocus = useReturnFocus({ onUnmount: false })
  const current: unknown = editor.getAttributes('link')['href']
  const [href, setHref] = useState(typeof current === 'string' ? current : '')
  const [error, setError] = useState<string | null>(null)

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault()
    const value = href.trim()
    if (!value) return handleRemove()
    const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(value) ? value : `https://${value}`
    if (!isAllowedLink(withScheme) || !/^(https?:\/\/[^\s]+|mailto:[^\s]+)$/i.test(withScheme)) {
      setError('Use an http(s) or mailto address.')
      return
    }
    editor.chain().focus().extendMarkRange('link').setLink({ href: withScheme }).run()
    onClose()
  }
  const handleRemove = () => {
    editor.chain().focus().extendMarkRange('link').unsetLink().run()
    onClose()
  }
  return (
    <form id={id} className="link-form" onSubmit={handleSubmit} aria-label="Link">
      <label>
        <span className="visually-hidden">Link address</span>
        <input
          autoFocus
          type="text"
          inputMode="url"
          placeholder="https://"
          value={href}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'link-error' : undefined}
          onChange={(event) => {
            setHref(event.target.value)
            setError(null)
          }}
          onKeyDown={(event) => {
            if (event.key !== 'Escape') return
            returnFocus()
            onClose()
          }}
        />
      </label>
      <button type="submit" className="button small primary">
        Apply link
      </button>
      <button type="button" className="button small" onClick={handleRemove}>
        Remove link
      </button>
      {error && (
        <span id="link-error" className="field-error" role="alert">
          {error}
        </span>
      )}
    </form>
  )
}
