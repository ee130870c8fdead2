// Tenants: list, create, and each tenant's page (rename, suspend, delete, its access keys,
// revocations and viewer sessions).
import { TENANT_STATUSES } from '../../../../src/core/model.ts'
import type { Tenant } from '../../../../src/http/native/schemas.ts'
import { api, seg } from '../../shared/api.ts'
import { href, navigate, type Route } from '../router.ts'
import { ListPage } from '../ui/list.tsx'
import { formatDate } from '../ui/format.ts'
import { Badge } from '../ui/widgets.tsx'
import { DetailPage } from '../ui/detail.tsx'
import { AccessKeys } from './access-keys.tsx'
import { TenantAccounts } from './tenant-accounts.tsx'
import { Revocations, Sessions } from './viewer-controls.tsx'

export function TenantsPage({ route }: { route: Route }) {
  return (
    <ListPage<Tenant>
      title="Tenants"
      route={route}
      path="/tenants"
      apiPath="/tenants"
      itemPath={(t) => `/tenants/${seg(t.id)}`}
      openById={{ label: 'Tenant id', path: (id) => `/tenants/${seg(id)}` }}
      columns={[
        { label: 'Id', render: (t) => <code>{t.id}</code> },
        { label: 'Name', render: (t) => t.name },
        { label: 'Status', render: (t) => <Badge value={t.status} /> },
        { label: 'Created', render: (t) => formatDate(t.createdAt) },
      ]}
      create={{
        label: 'New tenant',
        fields: [
          { name: 'name', label: 'Name', required: true },
          { name: 'id', label: 'Id', help: 'Optional; generated when empty.' },
        ],
        submit: (body) => api.post<Tenant>('/tenants', body),
        done: (t) => navigate(`/tenants/${seg(t.id)}`),
      }}
    />
  )
}

export function TenantPage({ params }: { params: Record<string, string> }) {
  const id = params.id!
  return (
    <DetailPage<Tenant>
      kind="tenant"
      listPath="/tenants"
      listLabel="Tenants"
      apiPath={`/tenants/${seg(id)}`}
      title={(t) => t.name}
      rows={(t) => [
        ['Id', <code>{t.id}</code>],
        ['Status', <Badge value={t.status} />],
        ['Created', formatDate(t.createdAt)],
        [
          'Catalog',
          <span class="actions">
            <a href={href('/videos', { tenantId: t.id })}>Its videos</a>
            <a href={href('/play-domains', { tenantId: t.id })}>Its play domains</a>
            <a href={href('/audit', { tenantId: t.id })}>Its audit events</a>
            <a href={href('/dingtalk', { tenantId: t.id })}>Its DingTalk org</a>
          </span>,
        ],
      ]}
      edit={{
        fields: [
          { name: 'name', label: 'Name', required: true },
          {
            name: 'status',
            label: 'Status',
            kind: 'select',
            options: TENANT_STATUSES,
            required: true,
          },
        ],
        initial: (t) => ({ name: t.name, status: t.status }),
      }}
      deleteWarning="Deleting a tenant deletes its access keys, videos, streams and play domains. Issued URLs stop working."
    >
      {() => (
        <>
          <AccessKeys tenantId={id} />
          <TenantAccounts tenantId={id} />
          <Revocations tenantId={id} />
          <Sessions tenantId={id} />
        </>
      )}
    </DetailPage>
  )
}
