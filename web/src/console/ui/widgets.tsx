// Small building blocks every page uses: copy buttons, masked secrets, confirmations, pagers,
// status badges, error notes and definition lists.
import type { ComponentChildren } from 'preact'
import { useEffect, useRef, useState } from 'preact/hooks'
import { ApiError } from '../../shared/api.ts'

export function CopyButton({ text, label }: { text: string; label: string }) {
  const [done, setDone] = useState(false)
  async function copy() {
    try {
      await navigator.clipboard.writeText(text)
      setDone(true)
      setTimeout(() => setDone(false), 1500)
    } catch {
      // Clipboard refused (insecure context, permissions): the text stays visible to select.
      setDone(false)
    }
  }
  return (
    <button type="button" class="small" onClick={() => void copy()} aria-label={`Copy ${label}`}>
      {done ? 'Copied' : 'Copy'}
    </button>
  )
}

/** A value shown with a copy button, in a read-only field so it can be selected by hand too. */
export function Copyable({ text, label }: { text: string; label: string }) {
  return (
    <span class="copyable">
      <code class="break">{text}</code>
      <CopyButton text={text} label={label} />
    </span>
  )
}

/** A new secret, shown this once with its id, until the user says it is stored. */
export function SecretOnce(props: {
  readonly id: readonly [label: string, value: string]
  readonly secret: readonly [label: string, value: string]
  readonly onDone: () => void
}) {
  const [idLabel, idValue] = props.id
  const [secretLabel, secret] = props.secret
  return (
    <div class="secret-once" role="status">
      <p>
        <strong>Copy the {secretLabel.toLowerCase()} now:</strong> it is shown this once and never
        again.
      </p>
      <p>
        {idLabel} <Copyable text={idValue} label={idLabel.toLowerCase()} />
      </p>
      <p>
        {secretLabel} <Copyable text={secret} label={secretLabel.toLowerCase()} />
      </p>
      <button type="button" onClick={props.onDone}>
        I have stored it
      </button>
    </div>
  )
}

/** A secret shown as dots until asked; `reveal` may fetch it on demand. */
export function Masked({ label, reveal }: { label: string; reveal: () => Promise<string> }) {
  const [value, setValue] = useState<string>()
  const [error, setError] = useState<string>()
  async function show() {
    try {
      setValue(await reveal())
    } catch (e) {
      setError((e as Error).message)
    }
  }
  if (value === undefined)
    return (
      <span class="copyable">
        <code aria-label={`${label} hidden`}>••••••••••••</code>
        <button
          type="button"
          class="small"
          onClick={() => void show()}
          aria-label={`Reveal ${label}`}
        >
          Reveal
        </button>
        {error && <span class="field-error">{error}</span>}
      </span>
    )
  return (
    <span class="copyable">
      <code class="break">{value}</code>
      <CopyButton text={value} label={label} />
      <button
        type="button"
        class="small"
        onClick={() => setValue(undefined)}
        aria-label={`Hide ${label}`}
      >
        Hide
      </button>
    </span>
  )
}

interface ConfirmProps {
  readonly title: string
  readonly children: ComponentChildren
  readonly confirmLabel: string
  readonly danger?: boolean
  readonly onConfirm: () => Promise<unknown>
  readonly onClose: () => void
}

/** A modal confirmation (native <dialog>: focus trapped, Escape closes). */
export function Confirm(props: ConfirmProps) {
  const ref = useRef<HTMLDialogElement>(null)
  const [error, setError] = useState<string>()
  const [busy, setBusy] = useState(false)
  useEffect(() => {
    ref.current?.showModal()
  }, [])
  async function confirm() {
    setBusy(true)
    try {
      await props.onConfirm()
      props.onClose()
    } catch (e) {
      setError((e as Error).message)
    } finally {
      setBusy(false)
    }
  }
  return (
    <dialog ref={ref} class="dialog" aria-labelledby="confirm-title" onClose={props.onClose}>
      <h2 id="confirm-title">{props.title}</h2>
      <div>{props.children}</div>
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
      <div class="actions">
        <button
          type="button"
          class={props.danger ? 'danger' : 'primary'}
          onClick={() => void confirm()}
          disabled={busy}
        >
          {props.confirmLabel}
        </button>
        {/* Focused first when the action destroys something: Enter alone must not do it. */}
        <button type="button" autofocus={props.danger} onClick={() => ref.current?.close()}>
          Cancel
        </button>
      </div>
    </dialog>
  )
}

export function Pager(props: {
  /** Names the pager when a page has several ("Pages of users"). */
  label?: string
  page: number
  pageSize: number
  total: number
  onPage: (page: number) => void
}) {
  const pages = Math.max(1, Math.ceil(props.total / props.pageSize))
  return (
    <nav class="pager" aria-label={props.label ?? 'Pages'}>
      <button type="button" disabled={props.page <= 1} onClick={() => props.onPage(props.page - 1)}>
        Previous
      </button>
      <span>
        Page {props.page} of {pages} · {props.total} in all
      </span>
      <button
        type="button"
        disabled={props.page >= pages}
        onClick={() => props.onPage(props.page + 1)}
      >
        Next
      </button>
    </nav>
  )
}

export function Badge({ value }: { value: string }) {
  const tone = /^(active|normal|true|allowed|issued)$/i.test(value)
    ? 'ok'
    : /^(disabled|suspended|blocked|denied|false|uploadfail|transcodefail)/i.test(value)
      ? 'bad'
      : 'neutral'
  return <span class={`badge badge-${tone}`}>{value}</span>
}

export function ErrorNote({ error }: { error: Error | undefined }) {
  if (!error) return null
  const code = error instanceof ApiError && error.code !== 'NETWORK' ? `${error.code}: ` : ''
  return (
    <p class="form-error" role="alert">
      {code}
      {error.message}
    </p>
  )
}

export function Details({ rows }: { rows: readonly [string, ComponentChildren][] }) {
  return (
    <dl class="details">
      {rows.map(([term, value]) => (
        <div key={term}>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  )
}

/** A notice that something happened, read out by screen readers. */
export function Notice({ text }: { text: string | undefined }) {
  return (
    <p class="notice" role="status">
      {text ?? ''}
    </p>
  )
}
