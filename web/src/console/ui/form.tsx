// Declarative forms: fields described as data, the API's own error message shown next to the
// field it names (`parameter`), anything else above the buttons. Every control has a label.
import type { ComponentChildren } from 'preact'
import { useLayoutEffect, useRef, useState } from 'preact/hooks'
import { ApiError } from '../../shared/api.ts'

export type FieldKind =
  'text' | 'password' | 'number' | 'select' | 'checkbox' | 'textarea' | 'list' | 'datetime'

export interface Field {
  readonly name: string
  readonly label: string
  readonly kind?: FieldKind
  readonly options?: readonly string[]
  readonly required?: boolean
  readonly help?: string
  readonly placeholder?: string
}

export type Values = Record<string, string | boolean>

/** An ISO 8601 time as a datetime-local value (the browser's local time, to the minute). */
export function localDateTime(iso: string | null | undefined): string {
  const time = iso ? new Date(iso).getTime() : NaN
  if (Number.isNaN(time)) return ''
  const local = new Date(time - new Date(time).getTimezoneOffset() * 60_000)
  return local.toISOString().slice(0, 16)
}

/**
 * Turns form values into a JSON body: empty optional fields are left out, lists split by line or
 * comma, local times sent as ISO 8601.
 */
export function toBody(fields: readonly Field[], values: Values): Record<string, unknown> {
  const body: Record<string, unknown> = {}
  for (const field of fields) {
    const value = values[field.name]
    if (field.kind === 'checkbox') {
      if (value !== undefined) body[field.name] = Boolean(value)
      continue
    }
    const text = typeof value === 'string' ? value.trim() : ''
    if (text === '') continue
    if (field.kind === 'number') body[field.name] = Number(text)
    else if (field.kind === 'datetime') {
      const time = new Date(text).getTime()
      body[field.name] = Number.isNaN(time) ? text : new Date(time).toISOString()
    } else if (field.kind === 'list')
      body[field.name] = text
        .split(/[\n,]/)
        .map((s) => s.trim())
        .filter(Boolean)
    else body[field.name] = text
  }
  return body
}

interface FormProps {
  readonly id: string
  readonly fields: readonly Field[]
  readonly initial?: Values
  readonly submitLabel: string
  readonly onSubmit: (values: Values) => Promise<unknown>
  readonly onCancel?: () => void
  readonly children?: ComponentChildren
}

/**
 * The field an API error concerns: the longest field name that is its dotted `parameter` or a
 * leading part of it (`tags` for `tags.2`, `paragraphs` for `paragraphs[0].endTime`,
 * `caps.idleSeconds` for itself).
 */
function fieldOf(error: ApiError, fields: readonly Field[]): string | undefined {
  const parameter = error.parameter
  if (parameter === undefined) return undefined
  return fields
    .map((f) => f.name)
    .filter((name) => parameter.startsWith(name) && /^([.[]|$)/.test(parameter.slice(name.length)))
    .sort((a, b) => b.length - a.length)[0]
}

export function Form(props: FormProps) {
  const [values, setValues] = useState<Values>(props.initial ?? {})
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<{ field?: string; message: string }>()
  const ref = useRef<HTMLFormElement>(null)
  // Forms open when asked for (the button that opened one is gone): a keyboard user lands in it,
  // as soon as it is on the page (a layout effect: no moment with the focus nowhere).
  useLayoutEffect(() => {
    ref.current?.querySelector<HTMLElement>('input, select, textarea')?.focus()
  }, [])

  async function submit(event: Event) {
    event.preventDefault()
    setBusy(true)
    setError(undefined)
    try {
      await props.onSubmit(values)
    } catch (e) {
      if (e instanceof ApiError) setError({ field: fieldOf(e, props.fields), message: e.message })
      else setError({ message: (e as Error).message })
    } finally {
      setBusy(false)
    }
  }

  const set = (name: string, value: string | boolean) => setValues((v) => ({ ...v, [name]: value }))

  return (
    <form ref={ref} class="form" onSubmit={(e) => void submit(e)} aria-busy={busy} noValidate>
      {props.fields.map((field) => {
        const id = `${props.id}-${field.name}`
        const fieldError = error?.field === field.name ? error.message : undefined
        const describedBy =
          [fieldError ? `${id}-error` : '', field.help ? `${id}-help` : ''].join(' ').trim() ||
          undefined
        const common = {
          id,
          name: field.name,
          required: field.required,
          'aria-invalid': fieldError ? true : undefined,
          'aria-describedby': describedBy,
        }
        const value = values[field.name]
        let control
        switch (field.kind ?? 'text') {
          case 'select':
            control = (
              <select
                {...common}
                value={typeof value === 'string' ? value : ''}
                onChange={(e) => set(field.name, e.currentTarget.value)}
              >
                {!field.required && <option value="">—</option>}
                {field.options?.map((o) => (
                  <option key={o} value={o}>
                    {o}
                  </option>
                ))}
              </select>
            )
            break
          case 'checkbox':
            control = (
              <input
                {...common}
                type="checkbox"
                checked={Boolean(value)}
                onChange={(e) => set(field.name, e.currentTarget.checked)}
              />
            )
            break
          case 'textarea':
          case 'list':
            control = (
              <textarea
                {...common}
                rows={3}
                placeholder={field.placeholder}
                value={typeof value === 'string' ? value : ''}
                onInput={(e) => set(field.name, e.currentTarget.value)}
              />
            )
            break
          case 'password':
            control = (
              <input
                {...common}
                type="password"
                autocomplete="new-password"
                value={typeof value === 'string' ? value : ''}
                onInput={(e) => set(field.name, e.currentTarget.value)}
              />
            )
            break
          case 'datetime':
            control = (
              <input
                {...common}
                type="datetime-local"
                value={typeof value === 'string' ? value : ''}
                onInput={(e) => set(field.name, e.currentTarget.value)}
              />
            )
            break
          case 'text':
          case 'number':
            control = (
              <input
                {...common}
                type="text"
                inputMode={field.kind === 'number' ? 'numeric' : undefined}
                placeholder={field.placeholder}
                autocomplete="off"
                value={typeof value === 'string' ? value : ''}
                onInput={(e) => set(field.name, e.currentTarget.value)}
              />
            )
        }
        return (
          <div class={`field${field.kind === 'checkbox' ? ' field-check' : ''}`} key={field.name}>
            <label for={id}>
              {field.label}
              {field.required && <span aria-hidden="true"> *</span>}
            </label>
            {control}
            {field.help && (
              <small id={`${id}-help`} class="help">
                {field.help}
              </small>
            )}
            {fieldError && (
              <small id={`${id}-error`} class="field-error" role="alert">
                {fieldError}
              </small>
            )}
          </div>
        )
      })}
      {error && !error.field && (
        <p class="form-error" role="alert">
          {error.message}
        </p>
      )}
      {props.children}
      <div class="actions">
        <button type="submit" class="primary" disabled={busy}>
          {props.submitLabel}
        </button>
        {props.onCancel && (
          <button type="button" onClick={props.onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  )
}
