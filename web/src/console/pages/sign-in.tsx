// Sign-in with an admin token: checked against the API before it is kept (in this tab only).
import { useState } from 'preact/hooks'
import { ApiError, call } from '../../shared/api.ts'
import { keepToken } from '../../shared/session.ts'

export function SignIn({ onSignedIn, reason }: { onSignedIn: () => void; reason?: string }) {
  const [token, setToken] = useState('')
  const [error, setError] = useState<string>()
  const [busy, setBusy] = useState(false)

  async function submit(event: Event) {
    event.preventDefault()
    const candidate = token.trim()
    if (!candidate) {
      setError('Enter the admin token: PlayGate writes one to data/admin-token at its first start.')
      return
    }
    setBusy(true)
    setError(undefined)
    try {
      await call('GET', '/tenants?pageSize=1', { token: candidate })
      keepToken(candidate)
      setToken('')
      onSignedIn()
    } catch (e) {
      setError(
        e instanceof ApiError && e.status === 401
          ? 'This token is not a valid admin token (it may have been revoked). Check it and try again.'
          : (e as Error).message,
      )
    } finally {
      setBusy(false)
    }
  }

  return (
    <main class="sign-in">
      <form
        class="card"
        onSubmit={(e) => void submit(e)}
        aria-labelledby="sign-in-title"
        noValidate
      >
        <h1 id="sign-in-title">PlayGate console</h1>
        {reason && <p role="status">{reason}</p>}
        <div class="field">
          <label for="admin-token">Admin token</label>
          <input
            id="admin-token"
            type="password"
            autocomplete="off"
            spellcheck={false}
            value={token}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'sign-in-error' : 'sign-in-help'}
            onInput={(e) => setToken(e.currentTarget.value)}
          />
          <small id="sign-in-help" class="help">
            In <code>data/admin-token</code> after PlayGate’s first start, or made with{' '}
            <code>npx playgate admin-token create</code>. Kept for this tab only.
          </small>
          {error && (
            <small id="sign-in-error" class="field-error" role="alert">
              {error}
            </small>
          )}
        </div>
        <div class="actions">
          <button type="submit" class="primary" disabled={busy}>
            Sign in
          </button>
        </div>
      </form>
    </main>
  )
}
