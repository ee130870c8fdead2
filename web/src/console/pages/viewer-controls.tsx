// Viewer controls (docs/viewer-controls.md): a tenant's revocations (revoke, lift) and live
// sessions (kick), and the viewer policy of a play domain or a video (rules, caps, callback).
import { useState } from 'preact/hooks'
import { REVOCATION_KINDS } from '../../../../src/core/policy/viewer-policy.ts'
import type {
  Revocation,
  ViewerPolicy,
  ViewerSession,
} from '../../../../src/http/native/schemas.ts'
import { api, seg } from '../../shared/api.ts'
import { Form, toBody, type Field, type Values } from '../ui/form.tsx'
import { formatBytes, formatDate } from '../ui/format.ts'
import { useLoad } from '../ui/load.ts'
import { ItemTable } from '../ui/table.tsx'
import { Confirm, Details, ErrorNote, Notice } from '../ui/widgets.tsx'

const REVOKE_FIELDS: readonly Field[] = [
  { name: 'kind', label: 'Revoke by', kind: 'select', options: REVOCATION_KINDS },
  { name: 'value', label: 'Value', help: 'A credential id (cr_…), viewer id, video id, path…' },
  { name: 'url', label: 'Or a leaked URL', help: 'Revokes the credential that signed it.' },
  { name: 'reason', label: 'Reason', required: true },
  { name: 'domainId', label: 'Play domain id', help: 'Optional: only on this domain.' },
]

export function Revocations({ tenantId }: { tenantId: string }) {
  const path = `/tenants/${seg(tenantId)}/revocations`
  const list = useLoad(() => api.get<{ items: Revocation[] }>(path), [path])
  const [adding, setAdding] = useState(false)
  const [lifting, setLifting] = useState<Revocation>()
  const [notice, setNotice] = useState<string>()
  return (
    <section class="card" aria-labelledby="revocations-title">
      <header class="page-head">
        <h2 id="revocations-title">Revocations</h2>
        {!adding && (
          <button type="button" onClick={() => setAdding(true)}>
            Revoke
          </button>
        )}
      </header>
      <Notice text={notice} />
      {adding && (
        <Form
          id="revoke"
          fields={REVOKE_FIELDS}
          initial={{ kind: 'credential' }}
          submitLabel="Revoke"
          onCancel={() => setAdding(false)}
          onSubmit={async (values) => {
            const body = toBody(REVOKE_FIELDS, values)
            // A URL names its credential itself: kind and value then stay out.
            if (body.url !== undefined) delete body.kind
            const entry = await api.post<Revocation>(path, body)
            setAdding(false)
            setNotice(`Revoked ${entry.kind} ${entry.value} until ${formatDate(entry.expiresAt)}.`)
            list.reload()
          }}
        />
      )}
      <ErrorNote error={list.error} />
      {list.data && (
        <ItemTable
          items={list.data.items}
          columns={[
            ['Kind', (r) => r.kind],
            ['Value', (r) => <code class="break">{r.value}</code>],
            ['Reason', (r) => r.reason],
            ['Domain', (r) => r.domainId ?? 'all'],
            ['Until', (r) => formatDate(r.expiresAt)],
          ]}
          rowKey={(r) => r.id}
          empty="None."
          action={{ label: 'Lift', names: (r) => `${r.kind} ${r.value}`, run: setLifting }}
        />
      )}
      {lifting && (
        <Confirm
          title="Lift this revocation?"
          confirmLabel="Lift"
          onClose={() => setLifting(undefined)}
          onConfirm={async () => {
            await api.delete(`${path}/${seg(lifting.id)}`)
            setNotice(`Lifted the revocation of ${lifting.kind} ${lifting.value}.`)
            list.reload()
          }}
        >
          <p>URLs it refused play again until they expire.</p>
        </Confirm>
      )}
    </section>
  )
}

export function Sessions({ tenantId }: { tenantId: string }) {
  const path = `/tenants/${seg(tenantId)}/sessions`
  const list = useLoad(() => api.get<{ items: ViewerSession[] }>(path), [path])
  const [kicking, setKicking] = useState<ViewerSession>()
  const [notice, setNotice] = useState<string>()
  return (
    <section class="card" aria-labelledby="sessions-title">
      <header class="page-head">
        <h2 id="sessions-title">Viewer sessions</h2>
        <button type="button" onClick={list.reload}>
          Refresh
        </button>
      </header>
      <p class="help">
        Kept on play domains and videos whose viewer policy sets caps. Sent: the bytes the edge
        served the session (not those nginx serves after an auth request).
      </p>
      <Notice text={notice} />
      <ErrorNote error={list.error} />
      {list.data && (
        <ItemTable
          items={list.data.items}
          columns={[
            ['Viewer', (s) => s.viewerId ?? '—'],
            ['Video', (s) => (s.videoId ? <code>{s.videoId}</code> : '—')],
            ['Client', (s) => s.clientIp],
            ['Started', (s) => formatDate(s.startedAt)],
            ['Last seen', (s) => formatDate(s.lastSeenAt)],
            ['Sent', (s) => <span title={`${s.bytes} bytes`}>{formatBytes(s.bytes)}</span>],
          ]}
          rowKey={(s) => s.id}
          empty="None."
          action={{ label: 'Kick', names: (s) => `session ${s.id}`, run: setKicking }}
        />
      )}
      {kicking && (
        <Confirm
          title="Kick this session?"
          confirmLabel="Kick"
          danger
          onClose={() => setKicking(undefined)}
          onConfirm={async () => {
            await api.delete(`${path}/${seg(kicking.id)}`)
            setNotice(`Kicked the session ${kicking.id}: its credential is revoked.`)
            list.reload()
          }}
        >
          <p>Its credential is revoked and stops working at once, for every URL it signed.</p>
        </Confirm>
      )}
    </section>
  )
}

const POLICY_FIELDS: readonly Field[] = [
  {
    name: 'rules',
    label: 'Rules (JSON)',
    kind: 'textarea',
    help: 'Ordered, first match wins: [{"action":"deny","ip":["10.0.0.0/8"]}, …]',
  },
  { name: 'caps.maxIpsPerCredential', label: 'Addresses per credential', kind: 'number' },
  { name: 'caps.maxSessionsPerViewer', label: 'Sessions per viewer', kind: 'number' },
  { name: 'caps.idleSeconds', label: 'Session idle seconds', kind: 'number' },
  { name: 'callback.url', label: 'Auth callback URL', placeholder: 'https://…' },
  {
    name: 'callback.timeoutMs',
    label: 'Callback timeout (ms)',
    kind: 'number',
    placeholder: '1000',
  },
  {
    name: 'callback.failOpen',
    label: 'Let authorised sessions play on while the callback is down',
    kind: 'checkbox',
  },
]

function policyBody(values: Values): Record<string, unknown> {
  const text = (name: string) => String(values[name] ?? '').trim()
  const cap = (name: string) => (text(`caps.${name}`) ? Number(text(`caps.${name}`)) : null)
  let rules: unknown
  try {
    rules = text('rules') ? JSON.parse(text('rules')) : []
  } catch {
    throw new Error('The rules are not valid JSON.')
  }
  return {
    rules,
    caps: {
      maxIpsPerCredential: cap('maxIpsPerCredential'),
      maxSessionsPerViewer: cap('maxSessionsPerViewer'),
      idleSeconds: cap('idleSeconds'),
    },
    callback: text('callback.url')
      ? {
          url: text('callback.url'),
          ...(text('callback.timeoutMs') ? { timeoutMs: Number(text('callback.timeoutMs')) } : {}),
          failOpen: values['callback.failOpen'] === true,
        }
      : null,
  }
}

const policyValues = (p: ViewerPolicy): Values => ({
  rules: p.rules.length ? JSON.stringify(p.rules, null, 2) : '',
  'caps.maxIpsPerCredential': String(p.caps.maxIpsPerCredential ?? ''),
  'caps.maxSessionsPerViewer': String(p.caps.maxSessionsPerViewer ?? ''),
  'caps.idleSeconds': String(p.caps.idleSeconds ?? ''),
  'callback.url': p.callback?.url ?? '',
  'callback.timeoutMs': p.callback ? String(p.callback.timeoutMs) : '',
  'callback.failOpen': p.callback?.failOpen ?? true,
})

/** The viewer policy of a play domain (`/play-domains/:id`) or a video (`/videos/:id`). */
export function ViewerPolicySection({ owner }: { owner: string }) {
  const path = `${owner}/viewer-policy`
  const policy = useLoad(() => api.get<ViewerPolicy>(path), [path])
  const [editing, setEditing] = useState(false)
  const [removing, setRemoving] = useState(false)
  const [notice, setNotice] = useState<string>()
  const p = policy.data
  return (
    <section class="card" aria-labelledby="policy-title">
      <header class="page-head">
        <h2 id="policy-title">Viewer policy</h2>
        <div class="actions">
          {p && !editing && (
            <button type="button" onClick={() => setEditing(true)}>
              Edit policy
            </button>
          )}
          {p && (p.rules.length > 0 || p.callback) && (
            <button type="button" class="danger" onClick={() => setRemoving(true)}>
              Remove policy
            </button>
          )}
        </div>
      </header>
      <Notice text={notice} />
      <ErrorNote error={policy.error} />
      {p && editing && (
        <Form
          id="policy"
          fields={POLICY_FIELDS}
          initial={policyValues(p)}
          submitLabel="Save policy"
          onCancel={() => setEditing(false)}
          onSubmit={async (values) => {
            await api.put(path, policyBody(values))
            setEditing(false)
            setNotice('Viewer policy saved.')
            policy.reload()
          }}
        />
      )}
      {p && !editing && (
        <Details
          rows={[
            ['Rules', p.rules.length ? <pre>{JSON.stringify(p.rules, null, 2)}</pre> : 'none'],
            ['Addresses per credential', p.caps.maxIpsPerCredential ?? 'no cap'],
            ['Sessions per viewer', p.caps.maxSessionsPerViewer ?? 'no cap'],
            [
              'Auth callback',
              p.callback ? (
                <>
                  <code>{p.callback.url}</code> ({p.callback.timeoutMs} ms,{' '}
                  {p.callback.failOpen ? 'sessions play on while it is down' : 'fails closed'})
                </>
              ) : (
                'none'
              ),
            ],
          ]}
        />
      )}
      {removing && (
        <Confirm
          title="Remove the viewer policy?"
          confirmLabel="Remove"
          danger
          onClose={() => setRemoving(false)}
          onConfirm={async () => {
            await api.delete(path)
            setNotice('Viewer policy removed.')
            policy.reload()
          }}
        >
          <p>Any valid URL then plays from anywhere, with no session caps.</p>
        </Confirm>
      )}
    </section>
  )
}
