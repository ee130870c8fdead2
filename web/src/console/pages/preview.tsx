// The preview: signs fresh playback URLs (GET /v1/videos/:id/play-urls), shows them with their
// expiry (and their uses, when limited), copyable, plays the chosen one, and builds a viewer link
// to the player page. A usage-limited URL is not played here: playing it would use it up.
import { useEffect, useState } from 'preact/hooks'
import type { LabelledPasswords, Stream, Video } from '../../../../src/http/native/schemas.ts'
import { api, ApiError, seg } from '../../shared/api.ts'
import { Player } from '../../shared/player.tsx'
import { lockedLink, watchLink, type PlayUrls } from '../../shared/watch-link.ts'
import { formatDate, relative } from '../ui/format.ts'
import { Copyable, ErrorNote } from '../ui/widgets.tsx'

const TTLS = [
  ['5 minutes', 300],
  ['1 hour', 3600],
  ['1 day', 86400],
] as const

/** What the API answers: with `maxUses` when the URLs were issued usage-limited. */
type IssuedUrls = PlayUrls & { maxUses?: number }

const usesText = (n: number) => (n === 1 ? 'once' : `${n} times`)

export function Preview({ video }: { video: Video }) {
  const [ttl, setTtl] = useState<number>(3600)
  const [uses, setUses] = useState('')
  const [urls, setUrls] = useState<IssuedUrls>()
  const [chosen, setChosen] = useState(0)
  const [error, setError] = useState<Error>()
  const [busy, setBusy] = useState(false)
  const [empty, setEmpty] = useState(false)
  const [locked, setLocked] = useState(false)

  async function sign() {
    setBusy(true)
    setError(undefined)
    try {
      // A video without streams has nothing to sign: ask first instead of provoking NO_STREAM.
      const streams = await api.list<Stream>(`/videos/${seg(video.id)}/streams`, { pageSize: 1 })
      if (streams.total === 0) {
        setUrls(undefined)
        setEmpty(true)
        return
      }
      setEmpty(false)
      // A viewer of a password-protected video gets the player page's lock, not a signed URL.
      const passwords = await api.get<LabelledPasswords>(`/videos/${seg(video.id)}/passwords`)
      setLocked(passwords.items.length > 0)
      // Sent as typed: the API says what is wrong with it (a number from 1 to 1000000).
      const signed = await api.get<IssuedUrls>(`/videos/${seg(video.id)}/play-urls`, {
        ttlSeconds: ttl,
        maxUses: uses.trim(),
      })
      setUrls(signed)
      setChosen((c) => (c < signed.items.length ? c : 0))
    } catch (e) {
      setUrls(undefined)
      setError(e as Error)
    } finally {
      setBusy(false)
    }
  }

  useEffect(() => {
    void sign()
    // Sign once per video; "Sign again" signs on demand.
  }, [video.id])

  const item = urls?.items[chosen]
  return (
    <section class="card" aria-labelledby="preview-title">
      <header class="page-head">
        <h2 id="preview-title">Preview</h2>
        <div class="actions">
          <label for="preview-ttl">Valid for</label>
          <select
            id="preview-ttl"
            value={ttl}
            onChange={(e) => setTtl(Number(e.currentTarget.value))}
          >
            {TTLS.map(([label, seconds]) => (
              <option key={seconds} value={seconds}>
                {label}
              </option>
            ))}
          </select>
          <label for="preview-uses">Uses per URL</label>
          <input
            id="preview-uses"
            type="number"
            min={1}
            placeholder="unlimited"
            aria-invalid={error instanceof ApiError && error.parameter === 'maxUses'}
            value={uses}
            onInput={(e) => setUses(e.currentTarget.value)}
          />
          <button type="button" onClick={() => void sign()} disabled={busy}>
            Sign again
          </button>
        </div>
      </header>
      <ErrorNote error={error} />
      {empty && <p>This video has no stream yet: add one below to preview it.</p>}
      {urls && item && (
        <>
          <div class="stream-choice" role="radiogroup" aria-label="Stream to play">
            {urls.items.map((s, i) => (
              <label key={s.streamId}>
                <input
                  type="radio"
                  name="preview-stream"
                  checked={i === chosen}
                  onChange={() => setChosen(i)}
                />
                {s.format.toUpperCase()} · {s.definition}
              </label>
            ))}
          </div>
          {urls.maxUses === undefined ? (
            <Player
              key={item.url}
              url={item.url}
              format={item.format}
              label={`Preview of ${video.title}`}
              autoplay
            />
          ) : (
            <p class="help">Not played here: playing would use it up.</p>
          )}
          <p>
            Signed for <code>{urls.host}</code>, expires {formatDate(urls.expiresAt)} (
            {relative(urls.expiresAt)}).
            {urls.maxUses !== undefined &&
              ` Each URL may be used ${usesText(urls.maxUses)}, on every replica; a request that fails uses none (an HLS playlist's segments use it too).`}
          </p>
          <ul class="url-list">
            {urls.items.map((s) => (
              <li key={s.streamId}>
                <span class="url-label">
                  {s.format} · {s.definition}
                </span>
                <Copyable text={s.url} label={`${s.format} ${s.definition} URL`} />
              </li>
            ))}
          </ul>
          <p class="url-list">
            <span class="url-label">Viewer link</span>
            <Copyable
              text={locked ? lockedLink(video) : watchLink(video, item, urls.expiresAt)}
              label="viewer link"
            />
          </p>
          {locked && (
            <p class="help">
              This video has a play password: its viewer link opens the player page’s password
              prompt instead of carrying a signed URL.
            </p>
          )}
        </>
      )}
    </section>
  )
}
