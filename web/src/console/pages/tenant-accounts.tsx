// A tenant's vendor account facts: the Aliyun account UID (PlayAuth's CustomerId) and region, the
// Tencent AppId and region. Shown, edited as one form (PUT replaces them all).
import { useState } from 'preact/hooks'
import type { VendorAccounts } from '../../../../src/http/native/schemas.ts'
import { api, seg } from '../../shared/api.ts'
import { Form, type Field, type Values } from '../ui/form.tsx'
import { useLoad } from '../ui/load.ts'
import { Details, ErrorNote, Notice } from '../ui/widgets.tsx'
import { useFocusBack } from '../ui/focus.ts'

const FIELDS: readonly Field[] = [
  {
    name: 'aliyun.customerId',
    label: 'Aliyun account UID',
    kind: 'number',
    help: 'PlayAuth’s CustomerId.',
  },
  { name: 'aliyun.region', label: 'Aliyun region', placeholder: 'cn-shanghai' },
  { name: 'tencent.appId', label: 'Tencent AppId', kind: 'number' },
  { name: 'tencent.region', label: 'Tencent region', placeholder: 'ap-guangzhou' },
]

/** `{aliyun: {customerId, region}, …}` from the form; a vendor with nothing filled is left out. */
function accountsBody(values: Values): VendorAccounts {
  const body: Record<string, Record<string, string | number>> = {}
  for (const field of FIELDS) {
    const text = String(values[field.name] ?? '').trim()
    if (text === '') continue
    const [vendor, name] = field.name.split('.') as [string, string]
    // A number the API checks: text that is not one is sent as is, to be refused by name.
    const value = field.kind === 'number' && /^\d+$/.test(text) ? Number(text) : text
    body[vendor] = { ...body[vendor], [name]: value }
  }
  return body
}

const valuesOf = (a: VendorAccounts): Values => ({
  'aliyun.customerId': String(a.aliyun?.customerId ?? ''),
  'aliyun.region': a.aliyun?.region ?? '',
  'tencent.appId': String(a.tencent?.appId ?? ''),
  'tencent.region': a.tencent?.region ?? '',
})

export function TenantAccounts({ tenantId }: { tenantId: string }) {
  const path = `/tenants/${seg(tenantId)}/accounts`
  const accounts = useLoad(() => api.get<VendorAccounts>(path), [path])
  const [editing, setEditing] = useState(false)
  const openButton = useFocusBack(editing)
  const [notice, setNotice] = useState<string>()
  const a = accounts.data
  return (
    <section class="card" aria-labelledby="accounts-title">
      <header class="page-head">
        <h2 id="accounts-title">Vendor accounts</h2>
        {a && !editing && (
          <button ref={openButton} type="button" onClick={() => setEditing(true)}>
            Edit accounts
          </button>
        )}
      </header>
      <p class="help">What vendor APIs answer about the account (PlayAuth’s CustomerId, …).</p>
      <Notice text={notice} />
      <ErrorNote error={accounts.error} />
      {a && editing && (
        <Form
          id="accounts"
          fields={FIELDS}
          initial={valuesOf(a)}
          submitLabel="Save accounts"
          onCancel={() => setEditing(false)}
          onSubmit={async (values) => {
            await api.put(path, accountsBody(values))
            setEditing(false)
            setNotice('Vendor accounts saved.')
            accounts.reload()
          }}
        />
      )}
      {a && !editing && (
        <Details
          rows={[
            ['Aliyun account UID', a.aliyun?.customerId ?? '—'],
            ['Aliyun region', a.aliyun?.region ?? '—'],
            ['Tencent AppId', a.tencent?.appId ?? '—'],
            ['Tencent region', a.tencent?.region ?? '—'],
          ]}
        />
      )}
    </section>
  )
}
