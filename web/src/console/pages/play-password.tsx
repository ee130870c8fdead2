// A video's play password: shown masked until revealed, set or changed, removed.
import { useState } from 'preact/hooks'
import type { PlayPassword as PlayPasswordBody } from '../../../../src/http/native/schemas.ts'
import { api, seg } from '../../shared/api.ts'
import { Form, type Field } from '../ui/form.tsx'
import { useLoad } from '../ui/load.ts'
import { Confirm, ErrorNote, Masked, Notice } from '../ui/widgets.tsx'

const FIELDS: readonly Field[] = [
  { name: 'password', label: 'New play password', kind: 'password', required: true },
]

export function PlayPassword({ videoId, onChange }: { videoId: string; onChange: () => void }) {
  const path = `/videos/${seg(videoId)}/password`
  const current = useLoad(() => api.get<PlayPasswordBody>(path), [path])
  const [setting, setSetting] = useState(false)
  const [removing, setRemoving] = useState(false)
  const [notice, setNotice] = useState<string>()
  const has = (current.data?.password ?? null) !== null

  return (
    <section class="card" aria-labelledby="password-title">
      <header class="page-head">
        <h2 id="password-title">Play password</h2>
        <div class="actions">
          {!setting && (
            <button type="button" onClick={() => setSetting(true)}>
              {has ? 'Change password' : 'Set a password'}
            </button>
          )}
          {has && (
            <button type="button" class="danger" onClick={() => setRemoving(true)}>
              Remove password
            </button>
          )}
        </div>
      </header>
      <Notice text={notice} />
      <ErrorNote error={current.error} />
      {current.data &&
        (has ? (
          <p>
            Viewers must enter{' '}
            <Masked label="play password" reveal={() => Promise.resolve(current.data!.password!)} />
          </p>
        ) : (
          <p>No password: anyone with a valid play credential can watch.</p>
        ))}
      {setting && (
        <Form
          id="set-password"
          fields={FIELDS}
          submitLabel="Save password"
          onCancel={() => setSetting(false)}
          onSubmit={async (values) => {
            await api.put(path, { password: values.password })
            setSetting(false)
            setNotice('Play password saved.')
            current.reload()
            onChange()
          }}
        />
      )}
      {removing && (
        <Confirm
          title="Remove the play password?"
          confirmLabel="Remove"
          danger
          onClose={() => setRemoving(false)}
          onConfirm={async () => {
            await api.delete(path)
            setNotice('Play password removed.')
            current.reload()
            onChange()
          }}
        >
          <p>Anyone with a valid play credential can then watch without a password.</p>
        </Confirm>
      )}
    </section>
  )
}
