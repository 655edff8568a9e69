import { useLayoutEffect, useRef, useState, type DragEvent, type KeyboardEvent } from 'react'
import type { KeyPoints } from '../../../../../shared/domain/Article'

/** A key point is one line: a pasted line break becomes a space, as it did in a text input. */
function oneLine(text: string): string {
  return text.replace(/\r\n|[\r\n]/g, ' ')
}

type Props = { value: KeyPoints; min: number; max: number; onChange: (value: KeyPoints) => void }

/** The Key Points box: a title and 3 to 5 items, added, removed and reordered by keyboard or drag. */
export function KeyPointsField({ value, min, max, onChange }: Props) {
  const [dragging, setDragging] = useState<number | null>(null)
  const list = useRef<HTMLOListElement>(null)
  const filled = value.items.filter((item) => item.trim()).length
  const outside = filled < min || filled > max

  const setItems = (items: string[]) => onChange({ ...value, items })
  // Focus follows a moved, added or removed item once React has rendered the new order.
  const pendingFocus = useRef<number | null>(null)
  useLayoutEffect(() => {
    if (pendingFocus.current === null) return
    list.current?.querySelectorAll('textarea')[pendingFocus.current]?.focus()
    pendingFocus.current = null
  })
  const focusItem = (index: number) => {
    pendingFocus.current = index
  }
  const move = (from: number, to: number) => {
    if (to < 0 || to >= value.items.length || from === to) return
    const items = [...value.items]
    const [moved] = items.splice(from, 1)
    items.splice(to, 0, moved ?? '')
    setItems(items)
    focusItem(to)
  }
  const add = (at = value.items.length) => {
    const items = [...value.items]
    items.splice(at, 0, '')
    setItems(items)
    focusItem(at)
  }
  const remove = (index: number) => {
    setItems(value.items.filter((_, i) => i !== index))
    focusItem(Math.max(0, index - 1))
  }
  const handleKeyDown = (index: number) => (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.altKey && event.key === 'ArrowUp') move(index, index - 1)
    else if (event.altKey && event.key === 'ArrowDown') move(index, index + 1)
    else if (event.key === 'Enter') add(index + 1)
    else if (event.key === 'Backspace' && !value.items[index] && value.items.length > 0)
      remove(index)
    else return
    event.preventDefault()
  }
  const handleDrop = (index: number) => (event: DragEvent) => {
    event.preventDefault()
    if (dragging !== null) move(dragging, index)
    setDragging(null)
  }

  return (
    <fieldset className="field key-points" aria-describedby="key-points-hint">
      <legend className="field-label">Key points</legend>
      <label className="visually-hidden" htmlFor="key-points-title">
        Key points title
      </label>
      {/* One line of text that wraps and grows, so a long title shows whole in a narrow window. */}
      <textarea
        id="key-points-title"
        className="text-input key-points-title"
        rows={1}
        value={value.title}
        placeholder="Key Points"
        onChange={(e) => onChange({ ...value, title: oneLine(e.target.value) })}
        onKeyDown={(e) => e.key === 'Enter' && e.preventDefault()}
      />
      <ol className="key-points-list" ref={list}>
        {value.items.map((item, index) => (
          <li
            key={index}
            className={dragging === index ? 'dragging' : undefined}
            onDragOver={(e) => e.preventDefault()}
            onDrop={handleDrop(index)}
          >
            <span
              className="drag-handle"
              draggable
              aria-hidden="true"
              title={`Drag to reorder key point ${index + 1}`}
              onDragStart={(e) => {
                e.dataTransfer.effectAllowed = 'move'
                e.dataTransfer.setData('text/plain', String(index))
                setDragging(index)
              }}
              onDragEnd={() => setDragging(null)}
            >
              ⠿
            </span>
            <textarea
              className="text-input"
              rows={1}
              aria-label={`Key point ${index + 1}`}
              value={item}
              onChange={(e) =>
                setItems(value.items.map((v, i) => (i === index ? oneLine(e.target.value) : v)))
              }
              onKeyDown={handleKeyDown(index)}
            />
            <button
              type="button"
              className="icon-button"
              aria-label={`Move key point ${index + 1} up`}
              disabled={index === 0}
              onClick={() => move(index, index - 1)}
            >
              ↑
            </button>
            <button
              type="button"
              className="icon-button"
              aria-label={`Move key point ${index + 1} down`}
              disabled={index === value.items.length - 1}
              onClick={() => move(index, index + 1)}
            >
              ↓
            </button>
            <button
              type="button"
              className="icon-button"
              aria-label={`Remove key point ${index + 1}`}
              onClick={() => remove(index)}
            >
              ×
            </button>
          </li>
        ))}
      </ol>
      <div className="key-points-foot">
        <button
          type="button"
          className="button small"
          onClick={() => add()}
          disabled={value.items.length >= 20}
        >
          Add key point
        </button>
        <span id="key-points-hint" className={`field-count ${outside ? 'over' : ''}`}>
          {filled} of {min}–{max} · Enter adds, Alt+↑/↓ reorders
        </span>
      </div>
    </fieldset>
  )
}
