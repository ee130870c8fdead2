// The Aliyun PlayAuth server keys: ids and ages only (never key material), rotation (a new key
// signs once every replica loaded it) and retiring keys no unexpired PlayAuth can carry.
import { useState } from 'preact/hooks'
import type { Static } from '@sinclair/typebox'
import type { PlayAuthKeys } from '../../../../src/http/native/routes/play-auth-keys.ts'
import { api } from '../../shared/api.ts'
import { formatDate } from '../ui/format.ts'
import { useLoad } from '../ui/load.ts'
import { ItemTable } from '../ui/table.tsx'
import { Badge, Confirm, ErrorNote, Notice } from '../ui/widgets.tsx'

type Keys = Static<typeof PlayAuthKeys>

export function PlayAuthKeysPage() {
  const keys = useLoad(() => api.get<Keys>('/play-auth-keys'), [])
  const [confirming, setConfirming] = useState<'rotate' | 'retire'>()
  const [notice, setNotice] = useState<string>()
  return (
    <section aria-labelledby="page-title">
      <header class="page-head">
        <h1 id="page-title">PlayAuth keys</h1>
        <div class="actions">
          <button type="button" class="primary" onClick={() => setConfirming('rotate')}>
            Rotate
          </button>
          <button type="button" onClick={() => setConfirming('retire')}>
            Retire old keys
          </button>
        </div>
      </header>
      <p class="help">
        The server keys Aliyun PlayAuths (GetVideoPlayAuth) are minted and checked with.
      </p>
      <Notice text={notice} />
      <ErrorNote error={keys.error} />
      {keys.data && (
        <ItemTable
          items={keys.data.items}
          rowKey={(k) => k.id}
          empty="No key yet: Rotate makes the first."
          columns={[
            ['Id', (k) => <code>{k.id}</code>],
            ['Created', (k) => formatDate(k.createdAt)],
            ['Signs new PlayAuths', (k) => <Badge value={String(k.signing)} />],
          ]}
        />
      )}
      {confirming && (
        <Confirm
          title={confirming === 'rotate' ? 'Rotate the PlayAuth key?' : 'Retire old keys?'}
          confirmLabel={confirming === 'rotate' ? 'Rotate' : 'Retire'}
          onClose={() => setConfirming(undefined)}
          onConfirm={async () => {
            if (confirming === 'rotate') {
              await api.post('/play-auth-keys/rotate')
              setNotice('A new key is stored: it signs once every replica has loaded it.')
            } else {
              const { retired } = await api.post<{ retired: string[] }>('/play-auth-keys/retire')
              setNotice(retired.length ? `Retired ${retired.join(', ')}.` : 'No key to retire.')
            }
            keys.reload()
          }}
        >
          <p>
            {confirming === 'rotate'
              ? 'PlayAuths issued before keep working until they expire: the old key still checks them.'
              : 'Keys no unexpired PlayAuth can carry are deleted; PlayAuths in use keep working.'}
          </p>
        </Confirm>
      )}
    </section>
  )
}
