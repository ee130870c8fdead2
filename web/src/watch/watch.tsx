// The viewer's player page at /watch#video=…&url=…: plays a signed URL handed out by the
// console or an application; a password-protected video asks for its password and plays the URLs
// the unlock answers (POST /v1/videos/:id/unlock, the one API call a viewer makes).
import { useEffect, useState } from 'preact/hooks'
import type { Unlocked } from '../../../src/http/native/schemas.ts'
import { call, seg } from '../shared/api.ts'
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
        <Locked videoId={params.video} title={title} />
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

/** MP4 first (every browser plays it), else the first stream. */
const pick = (urls: Unlocked['playUrls']) => urls.find((u) => u.format === 'mp4') ?? urls[0]

function Locked({ videoId, title }: { videoId: string; title: string }) {
  const [password, setPassword] = useState('')
  const [message, setMessage] = useState<string>()
  const [busy, setBusy] = useState(false)
  const [unlocked, setUnlocked] = useState<Unlocked>()
  const stream = unlocked && pick(unlocked.playUrls)
  if (stream) return <Player url={stream.url} format={stream.format} label={title} autoplay />
  if (unlocked) return <p role="alert">This video has no stream this page can play.</p>

  async function unlock(event: Event) {
    event.preventDefault()
    setBusy(true)
    setMessage(undefined)
    try {
      // No admin token, even in a tab that has one: a viewer's request, as any viewer makes it.
      setUnlocked(
        await call<Unlocked>('POST', `/videos/${seg(videoId)}/unlock`, {
          body: { password },
          token: '',
        }),
      )
    } catch (e) {
      setMessage((e as Error).message)
    } finally {
      setBusy(false)
    }
  }

  return (
    <form class="lock" onSubmit={(e) => void unlock(e)} noValidate>
      <p>This video is protected by a password.</p>
      <label for="play-password">Password</label>
      <input
        id="play-password"
        type="password"
        autocomplete="off"
        value={password}
        aria-invalid={message ? true : undefined}
        aria-describedby={message ? 'unlock-error' : undefined}
        onInput={(e) => setPassword(e.currentTarget.value)}
      />
      <button type="submit" disabled={busy}>
        Unlock
      </button>
      {message && (
        <p id="unlock-error" role="alert">
          {message}
        </p>
      )}
    </form>
  )
}
