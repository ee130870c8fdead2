// Play domains: list (by tenant), create, and each domain's page: settings, its key ring masked
// with reveal on demand, and key rotation with a confirmation that says what happens to URLs.
import { useState } from 'preact/hooks'
import type {
  KeyRing,
  PlayDomain,
  PlayDomainWithKeys,
} from '../../../../src/http/native/schemas.ts'
import { api, seg } from '../../shared/api.ts'
import { navigate, type Route } from '../router.ts'
import type { Field, Values } from '../ui/form.tsx'
import { toBody } from '../ui/form.tsx'
import { formatDate } from '../ui/format.ts'
import { DetailPage } from '../ui/detail.tsx'
import { ListPage } from '../ui/list.tsx'
import { Badge, Confirm, Details, Masked, Notice } from '../ui/widgets.tsx'
import { ViewerPolicySection } from './viewer-controls.tsx'

export const URL_SCHEMES = [
  'aliyun-a',
  'aliyun-b',
  'aliyun-c',
  'aliyun-f',
  'tencent-live',
  'tencent-cdn-a',
  'tencent-cdn-b',
  'tencent-cdn-c',
  'tencent-cdn-d',
  'tencent-vod-key',
  'nginx-secure-link',
  'native',
] as const

const SETTINGS: readonly Field[] = [
  {
    name: 'scheme',
    label: 'URL signing scheme',
    kind: 'select',
    options: URL_SCHEMES,
    required: true,
  },
  { name: 'ttlSeconds', label: 'URL validity (seconds)', kind: 'number' },
  { name: 'authEnabled', label: 'Require signed URLs', kind: 'checkbox' },
  { name: 'isDefault', label: 'Default domain of the tenant', kind: 'checkbox' },
  {
    name: 'allowedOrigins',
    label: 'Allowed origins (CORS)',
    kind: 'list',
    help: 'One per line, e.g. https://app.example.com; empty leaves them as they are.',
  },
]

export function PlayDomainsPage({ route }: { route: Route }) {
  return (
    <ListPage<PlayDomain>
      title="Play domains"
      route={route}
      path="/play-domains"
      apiPath="/play-domains"
      filters={[{ name: 'tenantId', label: 'Tenant id' }]}
      itemPath={(d) => `/play-domains/${seg(d.id)}`}
      columns={[
        { label: 'Host', render: (d) => d.host },
        { label: 'Scheme', render: (d) => <code>{d.scheme}</code> },
        { label: 'TTL', render: (d) => `${d.ttlSeconds} s` },
        { label: 'Default', render: (d) => (d.isDefault ? 'yes' : '') },
        { label: 'Tenant', render: (d) => <code>{d.tenantId}</code> },
      ]}
      create={{
        label: 'New play domain',
        initial: {
          scheme: 'aliyun-a',
          authEnabled: true,
          isDefault: true,
          tenantId: route.query.get('tenantId') ?? '',
        },
        fields: [
          { name: 'tenantId', label: 'Tenant id', required: true },
          {
            name: 'host',
            label: 'Host',
            required: true,
            placeholder: 'media.example.com or demo.test',
          },
          ...SETTINGS,
        ],
        submit: (body) => api.post<PlayDomainWithKeys>('/play-domains', body),
        done: (d) => navigate(`/play-domains/${seg(d.id)}`),
      }}
    />
  )
}

export function PlayDomainPage({ params }: { params: Record<string, string> }) {
  const id = params.id!
  return (
    <DetailPage<PlayDomain>
      kind="play domain"
      listPath="/play-domains"
      listLabel="Play domains"
      apiPath={`/play-domains/${seg(id)}`}
      title={(d) => d.host}
      rows={(d) => [
        ['Id', <code>{d.id}</code>],
        ['Tenant', <a href={`#/tenants/${seg(d.tenantId)}`}>{d.tenantId}</a>],
        ['Scheme', <code>{d.scheme}</code>],
        ['URL validity', `${d.ttlSeconds} s`],
        ['Signed URLs required', <Badge value={String(d.authEnabled)} />],
        ['Default domain', d.isDefault ? 'yes' : 'no'],
        ['Allowed origins', d.allowedOrigins.length ? d.allowedOrigins.join(', ') : '—'],
        ['Created', formatDate(d.createdAt)],
      ]}
      edit={{
        fields: SETTINGS,
        initial: (d) => ({
          scheme: d.scheme,
          ttlSeconds: String(d.ttlSeconds),
          authEnabled: d.authEnabled,
          isDefault: d.isDefault,
          allowedOrigins: d.allowedOrigins.join('\n'),
        }),
        body: (values: Values) => toBody(SETTINGS, values),
      }}
      deleteWarning="Deleting a play domain makes every URL issued for it unplayable at once."
    >
      {() => (
        <>
          <KeyRingSection domainId={id} />
          <ViewerPolicySection owner={`/play-domains/${seg(id)}`} />
        </>
      )}
    </DetailPage>
  )
}

function KeyRingSection({ domainId }: { domainId: string }) {
  const path = `/play-domains/${seg(domainId)}`
  // Keys are fetched only when someone asks to see one (GET …/keys), never with the page.
  const [ring, setRing] = useState<KeyRing>()
  const [generation, setGeneration] = useState(0)
  const [rotating, setRotating] = useState(false)
  const [notice, setNotice] = useState<string>()
  const keys = async () => {
    const fetched = ring ?? (await api.get<KeyRing>(`${path}/keys`))
    setRing(fetched)
    return fetched
  }

  return (
    <section class="card" aria-labelledby="keys-title">
      <header class="page-head">
        <h2 id="keys-title">Keys</h2>
        <button type="button" class="primary" onClick={() => setRotating(true)}>
          Rotate keys
        </button>
      </header>
      <Notice text={notice} />
      <Details
        key={generation}
        rows={[
          [
            'Primary key',
            <Masked label="primary key" reveal={async () => (await keys()).primary.secret} />,
          ],
          [
            'Backup key',
            <Masked
              label="backup key"
              reveal={async () => (await keys()).backup?.secret ?? '(none)'}
            />,
          ],
          ['Last rotated', ring ? formatDate(ring.rotatedAt) : '—'],
        ]}
      />
      {rotating && (
        <Confirm
          title="Rotate this domain's keys?"
          confirmLabel="Rotate"
          onClose={() => setRotating(false)}
          onConfirm={async () => {
            const rotated = await api.post<KeyRing>(`${path}/rotate`)
            setRing(rotated)
            setGeneration((g) => g + 1)
            setNotice('Keys rotated: new URLs are signed with the new primary key.')
          }}
        >
          <p>
            A new primary key is generated and signs every URL from now on. The current primary
            becomes the backup, so <strong>URLs issued before the rotation keep playing</strong>{' '}
            until they expire. The current backup key is dropped: URLs signed with it stop working.
          </p>
        </Confirm>
      )}
    </section>
  )
}
