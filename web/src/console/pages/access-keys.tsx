// A tenant's access keys per vendor protocol: issue (the secret is shown once, with a copy
// button), disable / enable, delete; paged like every list.
import { useState } from 'preact/hooks'
import { PROTOCOLS } from '../../../../src/core/model.ts'
import type { AccessKey, IssuedAccessKey } from '../../../../src/http/native/schemas.ts'
import { api, seg } from '../../shared/api.ts'
import { toBody, type Field } from '../ui/form.tsx'
import { formatDate } from '../ui/format.ts'
import { ItemsSection } from '../ui/section.tsx'
import { Badge, SecretOnce } from '../ui/widgets.tsx'

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
  const [issued, setIssued] = useState<IssuedAccessKey>()
  return (
    <ItemsSection<AccessKey>
      id="keys"
      title="Access keys"
      load={(page, pageSize) => api.list<AccessKey>(base, { page, pageSize })}
      deps={[base]}
      rowKey={(k) => k.id}
      empty="No keys yet."
      columns={[
        ['Key id', (k) => <code>{k.keyId}</code>],
        ['Protocol', (k) => k.protocol],
        ['Status', (k) => <Badge value={k.status} />],
        ['Description', (k) => k.description],
        ['Created', (k) => formatDate(k.createdAt)],
      ]}
      add={{
        label: 'Issue a key',
        submitLabel: 'Issue',
        fields: ISSUE_FIELDS,
        initial: { protocol: 'aliyun' },
        submit: async (values) => {
          const key = await api.post<IssuedAccessKey>(base, toBody(ISSUE_FIELDS, values))
          setIssued(key)
          return `Issued the key ${key.keyId}.`
        },
      }}
      extra={(k, done) => (
        <button
          type="button"
          class="small"
          onClick={() =>
            void api
              .patch(`${base}/${seg(k.id)}`, {
                status: k.status === 'active' ? 'disabled' : 'active',
              })
              .then(
                () => done(`${k.status === 'active' ? 'Disabled' : 'Enabled'} ${k.keyId}.`),
                (e: Error) => done(e.message),
              )
          }
        >
          {k.status === 'active' ? 'Disable' : 'Enable'}
          <span class="sr-only"> {k.keyId}</span>
        </button>
      )}
      remove={{
        label: 'Delete',
        title: 'Delete this access key?',
        names: (k) => k.keyId,
        warning: (k) => (
          <p>
            Requests signed with <code>{k.keyId}</code> are refused from now on; this cannot be
            undone (disable the key instead to keep the option of enabling it again).
          </p>
        ),
        run: async (k) => {
          await api.delete(`${base}/${seg(k.id)}`)
          return `Deleted the key ${k.keyId}.`
        },
      }}
    >
      {issued && (
        <SecretOnce
          id={['Key id', issued.keyId]}
          secret={['Secret', issued.secret]}
          onDone={() => setIssued(undefined)}
        />
      )}
    </ItemsSection>
  )
}
