// The audit log, newest first, filtered by kind, tenant, subject (a video id…), outcome and time
// range (the filters the API offers); each event's detail opens in place.
import { AUDIT_KINDS } from '../../../../src/core/model.ts'
import type { AuditEvent } from '../../../../src/http/native/schemas.ts'
import type { Route } from '../router.ts'
import { formatDate } from '../ui/format.ts'
import { ListPage } from '../ui/list.tsx'
import { Badge } from '../ui/widgets.tsx'

export function AuditPage({ route }: { route: Route }) {
  return (
    <ListPage<AuditEvent>
      title="Audit log"
      route={route}
      path="/audit"
      apiPath="/audit-events"
      pageSize={50}
      filters={[
        { name: 'kind', label: 'Kind', options: AUDIT_KINDS },
        { name: 'tenantId', label: 'Tenant id' },
        { name: 'subject', label: 'Video id or subject' },
        { name: 'outcome', label: 'Outcome', options: ['allowed', 'denied'] },
        { name: 'from', label: 'From', datetime: true },
        { name: 'to', label: 'Until', datetime: true },
      ]}
      columns={[
        { label: 'When', render: (e) => formatDate(e.at) },
        { label: 'Kind', render: (e) => <Badge value={e.kind} /> },
        { label: 'Subject', render: (e) => <code class="break">{e.subject}</code> },
        { label: 'Reason', render: (e) => e.reason ?? '' },
        { label: 'Tenant', render: (e) => (e.tenantId ? <code>{e.tenantId}</code> : '') },
        {
          label: 'Detail',
          render: (e) =>
            Object.keys(e.detail).length ? (
              <details>
                <summary>Show</summary>
                <pre>{JSON.stringify(e.detail, null, 2)}</pre>
              </details>
            ) : (
              ''
            ),
        },
      ]}
    />
  )
}
