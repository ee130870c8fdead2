// DingTalk (docs/dialects/dingtalk.md) per tenant: its org (corpId), apps (appKey, the secret
// shown once, scopes, disable / enable), users by unionId and conferences, each list paged.
// A conference's own page (its recordings) and its transcript have their own files.
import { useState } from 'preact/hooks'
import type {
  Conference,
  DingtalkApp,
  DingtalkOrg,
  DingtalkUser,
} from '../../../../src/http/native/schemas.ts'
import { ApiError, api, seg } from '../../shared/api.ts'
import { href, navigate, type Route } from '../router.ts'
import { Form, toBody, type Field, type Values } from '../ui/form.tsx'
import { formatDate } from '../ui/format.ts'
import { useLoad } from '../ui/load.ts'
import { ItemsSection } from '../ui/section.tsx'
import { Badge, Confirm, Details, ErrorNote, Notice, SecretOnce } from '../ui/widgets.tsx'
import { useFocusBack } from '../ui/focus.ts'

export const base = (tenantId: string) => `/tenants/${seg(tenantId)}/dingtalk`
export const conferencePath = (tenantId: string, id: string) =>
  `/dingtalk/${seg(tenantId)}/conferences/${seg(id)}`

export function DingtalkPage({ route }: { route: Route }) {
  const tenantId = route.query.get('tenantId') ?? ''
  const [typed, setTyped] = useState(tenantId)
  return (
    <section aria-labelledby="page-title">
      <header class="page-head">
        <h1 id="page-title">DingTalk</h1>
      </header>
      <p class="help">
        A tenant’s DingTalk org, apps, users and conferences, as DingTalk’s APIs answer them.
      </p>
      <form
        class="toolbar field inline"
        role="search"
        onSubmit={(e) => {
          e.preventDefault()
          navigate('/dingtalk', { tenantId: typed.trim() })
        }}
      >
        <label for="dingtalk-tenant">Tenant id</label>
        <input
          id="dingtalk-tenant"
          value={typed}
          onInput={(e) => setTyped(e.currentTarget.value)}
        />
        <button type="submit">Open</button>
      </form>
      {tenantId && (
        <div key={tenantId}>
          <Org tenantId={tenantId} />
          <Apps tenantId={tenantId} />
          <Users tenantId={tenantId} />
          <Conferences tenantId={tenantId} />
        </div>
      )}
    </section>
  )
}

const ORG_FIELDS: readonly Field[] = [
  { name: 'corpId', label: 'corpId', required: true, help: 'Unique across tenants.' },
  { name: 'name', label: 'Org name', required: true },
]

function Org({ tenantId }: { tenantId: string }) {
  const path = `${base(tenantId)}/org`
  // No org yet is a state, not an error.
  const org = useLoad(
    () =>
      api.get<DingtalkOrg>(path).catch((e: unknown) => {
        if (e instanceof ApiError && e.code === 'NOT_FOUND' && e.parameter === undefined)
          return null
        throw e
      }),
    [path],
  )
  const [editing, setEditing] = useState(false)
  const openButton = useFocusBack(editing)
  const [removing, setRemoving] = useState(false)
  const [notice, setNotice] = useState<string>()
  return (
    <section class="card" aria-labelledby="org-title">
      <header class="page-head">
        <h2 id="org-title">Org</h2>
        <div class="actions">
          {org.data !== undefined && !editing && (
            <button ref={openButton} type="button" onClick={() => setEditing(true)}>
              {org.data ? 'Edit org' : 'Set the org'}
            </button>
          )}
          {org.data && (
            <button type="button" class="danger" onClick={() => setRemoving(true)}>
              Delete org
            </button>
          )}
        </div>
      </header>
      <Notice text={notice} />
      <ErrorNote error={org.error} />
      {editing && (
        <Form
          id="org"
          fields={ORG_FIELDS}
          initial={{ corpId: org.data?.corpId ?? '', name: org.data?.name ?? '' }}
          submitLabel="Save org"
          onCancel={() => setEditing(false)}
          onSubmit={async (values) => {
            await api.put(path, toBody(ORG_FIELDS, values))
            setEditing(false)
            setNotice('Org saved.')
            org.reload()
          }}
        />
      )}
      {!editing && org.data === null && <p>No DingTalk org yet.</p>}
      {!editing && org.data && (
        <Details
          rows={[
            ['corpId', <code>{org.data.corpId}</code>],
            ['Name', org.data.name],
          ]}
        />
      )}
      {removing && (
        <Confirm
          title="Delete the DingTalk org?"
          confirmLabel="Delete"
          danger
          onClose={() => setRemoving(false)}
          onConfirm={async () => {
            await api.delete(path)
            setNotice('Org deleted.')
            org.reload()
          }}
        >
          <p>Its users and conferences stay; DingTalk token requests for its corpId fail.</p>
        </Confirm>
      )}
    </section>
  )
}

type CreatedApp = DingtalkApp & { appSecret: string }

function Apps({ tenantId }: { tenantId: string }) {
  const path = `${base(tenantId)}/apps`
  const [created, setCreated] = useState<CreatedApp>()
  const fields: readonly Field[] = [
    { name: 'appKey', label: 'appKey', help: 'Optional; generated when empty.' },
    { name: 'description', label: 'Description' },
    {
      name: 'scopes',
      label: 'Scopes',
      kind: 'list',
      help: 'DingTalk permission codes, e.g. VideoConference.Conference.Read.',
    },
  ]
  return (
    <ItemsSection<DingtalkApp>
      id="apps"
      title="Apps"
      load={(page, pageSize) => api.list<DingtalkApp>(path, { page, pageSize })}
      deps={[path]}
      rowKey={(a) => a.id}
      empty="No apps yet."
      columns={[
        ['appKey', (a) => <code>{a.appKey}</code>],
        ['Status', (a) => <Badge value={a.status} />],
        ['Scopes', (a) => a.scopes.join(', ') || '—'],
        ['Description', (a) => a.description || '—'],
        ['Created', (a) => formatDate(a.createdAt)],
      ]}
      add={{
        label: 'Create an app',
        submitLabel: 'Create',
        fields,
        submit: async (values) => {
          const app = await api.post<CreatedApp>(path, toBody(fields, values))
          setCreated(app)
          return `Created the app ${app.appKey}.`
        },
      }}
      extra={(a, done) => (
        <button
          type="button"
          class="small"
          onClick={() =>
            void api
              .patch(`${path}/${seg(a.id)}`, {
                status: a.status === 'active' ? 'disabled' : 'active',
              })
              .then(
                () => done(`${a.status === 'active' ? 'Disabled' : 'Enabled'} ${a.appKey}.`),
                (e: Error) => done(e.message),
              )
          }
        >
          {a.status === 'active' ? 'Disable' : 'Enable'}
          <span class="sr-only"> {a.appKey}</span>
        </button>
      )}
      remove={{
        label: 'Delete',
        title: 'Delete this app?',
        names: (a) => `app ${a.appKey}`,
        warning: <p>Its token stops working and its appKey is refused from now on.</p>,
        run: async (a) => {
          await api.delete(`${path}/${seg(a.id)}`)
          return `Deleted the app ${a.appKey}.`
        },
      }}
    >
      {created && (
        <SecretOnce
          id={['appKey', created.appKey]}
          secret={['appSecret', created.appSecret]}
          onDone={() => setCreated(undefined)}
        />
      )}
    </ItemsSection>
  )
}

function Users({ tenantId }: { tenantId: string }) {
  const path = `${base(tenantId)}/users`
  return (
    <ItemsSection<DingtalkUser>
      id="users"
      title="Users"
      load={(page, pageSize) => api.list<DingtalkUser>(path, { page, pageSize })}
      deps={[path]}
      rowKey={(u) => u.unionId}
      empty="No users yet."
      columns={[
        ['unionId', (u) => <code class="break">{u.unionId}</code>],
        ['userId', (u) => u.userId],
        ['Name', (u) => u.name],
      ]}
      add={{
        label: 'Add a user',
        submitLabel: 'Save user',
        fields: [
          { name: 'unionId', label: 'unionId', required: true },
          { name: 'userId', label: 'userId', required: true },
          { name: 'name', label: 'Name', required: true },
        ],
        submit: async (values) => {
          const unionId = String(values.unionId ?? '').trim()
          await api.put(`${path}/${seg(unionId)}`, {
            userId: String(values.userId ?? '').trim(),
            name: String(values.name ?? '').trim(),
          })
          return `Saved the user ${unionId}.`
        },
      }}
      remove={{
        label: 'Delete',
        title: 'Delete this user?',
        names: (u) => `user ${u.unionId}`,
        warning: <p>Conferences naming the user keep its unionId.</p>,
        run: async (u) => {
          await api.delete(`${path}/${seg(u.unionId)}`)
          return `Deleted the user ${u.unionId}.`
        },
      }}
    />
  )
}

export const CONFERENCE_FIELDS: readonly Field[] = [
  { name: 'title', label: 'Title', required: true },
  { name: 'hostUnionId', label: 'Host unionId', required: true },
  { name: 'participants', label: 'Participants', kind: 'list', help: 'unionIds; the host is one.' },
  { name: 'startedAt', label: 'Started', kind: 'datetime', help: 'Now when empty.' },
  { name: 'endedAt', label: 'Ended', kind: 'datetime', help: 'Empty while it runs.' },
]

/** The conference body; editing, an emptied end time means "still running" (null). */
export function conferenceBody(values: Values, clear: boolean): Record<string, unknown> {
  const body = toBody(CONFERENCE_FIELDS, values)
  if (clear && body.endedAt === undefined) body.endedAt = null
  return body
}

function Conferences({ tenantId }: { tenantId: string }) {
  const path = `${base(tenantId)}/conferences`
  return (
    <ItemsSection<Conference>
      id="conferences"
      title="Conferences"
      load={(page, pageSize) => api.list<Conference>(path, { page, pageSize })}
      deps={[path]}
      rowKey={(c) => c.id}
      empty="No conferences yet."
      columns={[
        ['Title', (c) => <a href={href(conferencePath(tenantId, c.id))}>{c.title}</a>],
        ['Host', (c) => <code class="break">{c.hostUnionId}</code>],
        ['Participants', (c) => c.participants.length],
        ['Started', (c) => formatDate(c.startedAt)],
        ['Ended', (c) => formatDate(c.endedAt)],
      ]}
      add={{
        label: 'New conference',
        submitLabel: 'Create',
        fields: [
          { name: 'id', label: 'Id', help: 'Optional; generated when empty.' },
          ...CONFERENCE_FIELDS,
        ],
        submit: async (values) => {
          const body = conferenceBody(values, false)
          const id = String(values.id ?? '').trim()
          const created = await api.post<Conference>(path, id ? { id, ...body } : body)
          navigate(conferencePath(tenantId, created.id))
          return `Created the conference ${created.title}.`
        },
      }}
    />
  )
}
