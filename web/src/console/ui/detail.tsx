// A resource's own page as data: its fields, an edit form (PATCH), delete with a confirmation,
// and whatever sections the resource adds below (streams, keys, preview).
import type { ComponentChildren } from 'preact'
import { useState } from 'preact/hooks'
import { api } from '../../shared/api.ts'
import { href, navigate } from '../router.ts'
import { Form, toBody, type Field, type Values } from './form.tsx'
import { useLoad } from './load.ts'
import { Confirm, Details, ErrorNote, Notice } from './widgets.tsx'
import { useFocusBack } from './focus.ts'

export interface DetailPageProps<T> {
  /** What the resource is called in sentences ("tenant"). */
  readonly kind: string
  readonly listPath: string
  readonly listLabel: string
  readonly apiPath: string
  readonly title: (item: T) => string
  readonly rows: (item: T) => readonly [string, ComponentChildren][]
  readonly edit?: {
    readonly fields: readonly Field[]
    readonly initial: (item: T) => Values
    /** Turns the form into the PATCH body (default: every filled field). */
    readonly body?: (values: Values) => Record<string, unknown>
  }
  readonly deleteWarning?: string
  readonly children?: (item: T, reload: () => void) => ComponentChildren
}

export function DetailPage<T>(props: DetailPageProps<T>) {
  const item = useLoad(() => api.get<T>(props.apiPath), [props.apiPath])
  const [editing, setEditing] = useState(false)
  const openButton = useFocusBack(editing)
  const [deleting, setDeleting] = useState(false)
  const [notice, setNotice] = useState<string>()

  return (
    <section aria-labelledby="page-title">
      <nav class="crumbs" aria-label="Breadcrumb">
        <a href={href(props.listPath)}>{props.listLabel}</a> /
      </nav>
      <ErrorNote error={item.error} />
      {item.data && (
        <>
          <header class="page-head">
            <h1 id="page-title">{props.title(item.data)}</h1>
            <div class="actions">
              {props.edit && !editing && (
                <button ref={openButton} type="button" onClick={() => setEditing(true)}>
                  Edit
                </button>
              )}
              {props.deleteWarning !== undefined && (
                <button type="button" class="danger" onClick={() => setDeleting(true)}>
                  Delete
                </button>
              )}
            </div>
          </header>
          <Notice text={notice} />
          {editing && props.edit ? (
            <div class="card">
              <h2>Edit {props.kind}</h2>
              <Form
                id="edit"
                fields={props.edit.fields}
                initial={props.edit.initial(item.data)}
                submitLabel="Save"
                onCancel={() => setEditing(false)}
                onSubmit={async (values) => {
                  const body = props.edit!.body?.(values) ?? toBody(props.edit!.fields, values)
                  await api.patch<T>(props.apiPath, body)
                  setEditing(false)
                  setNotice(`Saved the ${props.kind}.`)
                  item.reload()
                }}
              />
            </div>
          ) : (
            <div class="card">
              <Details rows={props.rows(item.data)} />
            </div>
          )}
          {props.children?.(item.data, item.reload)}
          {deleting && (
            <Confirm
              title={`Delete this ${props.kind}?`}
              confirmLabel="Delete"
              danger
              onClose={() => setDeleting(false)}
              onConfirm={async () => {
                await api.delete(props.apiPath)
                navigate(props.listPath)
              }}
            >
              <p>{props.deleteWarning}</p>
            </Confirm>
          )}
        </>
      )}
    </section>
  )
}
