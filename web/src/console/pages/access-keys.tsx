// A tenant's access keys per vendor protocol: issue (the secret is shown once, with a copy
// button), disable / enable, delete.
import { useState } from 'preact/hooks'
import { PROTOCOLS } from '../../../../src/core/model.ts'
import type { AccessKey, IssuedAccessKey } from '../../../../src/http/native/schemas.ts'
import { api, seg } from '../../shared/api.ts'
import { Form, toBody, type Field } from '../ui/form.tsx'
import { formatDate } from '../ui/format.ts'
import { useLoad } from '../ui/load.ts'
import { Badge, Confirm, ErrorNote, Pager, SecretOnce } from '../ui/widgets.tsx'

const ISSUE_FIELDS: readonly Field[] = [
  { name: 'protocol', label: 'Protocol', kind: 'select', options: PROTOCOLS, required: true },
  { name: 'description', label: 'Description' },
  {
    name: 'keyId',
    label: 'Key id',
    help: 'Optional; generated in the vendor’s format when empty.',
  },
]

export function AccessKeys({ tenantId }: { tenantId: string }) {
  const base = `/tenants/${seg(tenantId)}/access-keys`
  const [page, setPage] = useState(1)
  const keys = useLoad(() => api.list<AccessKey>(base, { page, pageSize: 20 }), [base, page])
  const [issuing, setIssuing] = useState(false)
  const [issued, setIssued] = useState<IssuedAccessKey>()
  const [deleting, setDeleting] = useState<AccessKey>()
  const [error, setError] = useState<Error>()

  async function toggle(key: AccessKey) {
    setError(undefined)
    try {
      await api.patch(`${base}/${seg(key.id)}`, {
        status: key.status === 'active' ? 'disabled' : 'active',
      })
      keys.reload()
    } catch (e) {
      setError(e as Error)
    }
  }

  return (
    <section class="card" aria-labelledby="keys-title">
      <header class="page-head">
        <h2 id="keys-title">Access keys</h2>
        {!issuing && (
          <button type="button" class="primary" onClick={() => setIssuing(true)}>
            Issue a key
          </button>
        )}
      </header>
      {issued && (
        <SecretOnce
          id={['Key id', issued.keyId]}
          secret={['Secret', issued.secret]}
          onDone={() => setIssued(undefined)}
        />
      )}
      {issuing && (
        <Form
          id="issue-key"
          fields={ISSUE_FIELDS}
          initial={{ protocol: 'aliyun' }}
          submitLabel="Issue"
          onCancel={() => setIssuing(false)}
          onSubmit={async (values) => {
            setIssued(await api.post<IssuedAccessKey>(base, toBody(ISSUE_FIELDS, values)))
            setIssuing(false)
            keys.reload()
          }}
        />
      )}
      <ErrorNote error={keys.error ?? error} />
      {keys.data && (
        <>
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Key id</th>
                  <th scope="col">Protocol</th>
                  <th scope="col">Status</th>
                  <th scope="col">Description</th>
                  <th scope="col">Created</th>
                  <th scope="col">
                    <span class="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {keys.data.items.length === 0 && (
                  <tr>
                    <td colSpan={6} class="empty">
                      No keys yet.
                    </td>
                  </tr>
                )}
                {keys.data.items.map((key) => (
                  <tr key={key.id}>
                    <td>
                      <code>{key.keyId}</code>
                    </td>
                    <td>{key.protocol}</td>
                    <td>
                      <Badge value={key.status} />
                    </td>
                    <td>{key.description}</td>
                    <td>{formatDate(key.createdAt)}</td>
                    <td class="row-actions">
                      <button type="button" class="small" onClick={() => void toggle(key)}>
                        {key.status === 'active' ? 'Disable' : 'Enable'}
                        <span class="sr-only"> {key.keyId}</span>
                      </button>
                      <button type="button" class="small danger" onClick={() => setDeleting(key)}>
                        Delete<span class="sr-only"> {key.keyId}</span>
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager
            page={keys.data.page}
            pageSize={keys.data.pageSize}
            total={keys.data.total}
            onPage={setPage}
          />
        </>
      )}
      {deleting && (
        <Confirm
          title="Delete this access key?"
          confirmLabel="Delete"
          danger
          onClose={() => setDeleting(undefined)}
          onConfirm={async () => {
            await api.delete(`${base}/${seg(deleting.id)}`)
            keys.reload()
          }}
        >
          <p>
            Requests signed with <code>{deleting.keyId}</code> are refused from now on; this cannot
            be undone (disable the key instead to keep the option of enabling it again).
          </p>
        </Confirm>
      )}
    </section>
  )
}
