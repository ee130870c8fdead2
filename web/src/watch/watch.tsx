// The viewer's player page at /watch#video=…&url=…: plays a signed URL handed out by the
// console or an application; a password-protected video shows its lock instead.
import { useEffect, useState } from 'preact/hooks'
import { Player } from '../shared/player.tsx'
import { readWatchParams, type WatchParams } from '../shared/watch-link.ts'

function useWatchParams(): WatchParams | undefined {
  const [params, setParams] = useState(() => readWatchParams(location.hash))
  useEffect(() => {
    const update = () => setParams(readWatchParams(location.hash))
    addEventListener('hashchange', update)
    return () => removeEventListener('hashchange', update)
  }, [])
  return params
}

export function Watch() {
  const params = useWatchParams()
  if (!params)
    return (
      <main class="watch">
        <h1>PlayGate player</h1>
        <p>This address names no video. Ask for a new viewer link.</p>
      </main>
    )
  const title = params.title ?? 'Video'
  const expiresAt = params.expires === undefined ? undefined : new Date(params.expires)
  const expired = expiresAt !== undefined && expiresAt.getTime() < Date.now()
  return (
    <main class="watch">
      <h1>{title}</h1>
      {params.locked ? (
        <Locked />
      ) : expired ? (
        <p role="alert">
          This viewer link expired at {expiresAt?.toLocaleString()}. Ask for a new one.
        </p>
      ) : params.url ? (
        <Player url={params.url} format={params.format ?? 'mp4'} label={title} autoplay />
      ) : (
        <p role="alert">This viewer link has no play credential. Ask for a new one.</p>
      )}
    </main>
  )
}

function Locked() {
  const [password, setPassword] = useState('')
  const [message, setMessage] = useState<string>()
  return (
    <form
      class="lock"
      onSubmit={(e) => {
        e.preventDefault()
        setMessage(
          'This video is locked with a play password, and this PlayGate does not offer unlocking from the player page yet. Ask the owner for an unlocked link.',
        )
      }}
    >
      <p>This video is protected by a password.</p>
      <label for="play-password">Password</label>
      <input
        id="play-password"
        type="password"
        autocomplete="off"
        value={password}
        onInput={(e) => setPassword(e.currentTarget.value)}
      />
      <button type="submit">Unlock</button>
      {message && <p role="alert">{message}</p>}
    </form>
  )
}
