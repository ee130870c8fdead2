// A <video> that plays one PlayGate URL: MP4 (and anything the browser plays) directly, HLS
// through hls.js (loaded only when needed) or natively where the browser has HLS (Safari).
import { useEffect, useRef, useState } from 'preact/hooks'

export interface PlayerProps {
  readonly url: string
  readonly format: string
  readonly label: string
  /** Muted autoplay (browsers allow it muted only); controls stay available. */
  readonly autoplay?: boolean
}

export function Player({ url, format, label, autoplay }: PlayerProps) {
  const ref = useRef<HTMLVideoElement>(null)
  const [error, setError] = useState<string>()

  useEffect(() => {
    const video = ref.current
    if (!video) return undefined
    setError(undefined)
    let destroy: (() => void) | undefined
    let cancelled = false
    const start = () => {
      if (autoplay) video.play().catch(() => undefined)
    }
    if (format === 'm3u8' && !video.canPlayType('application/vnd.apple.mpegurl')) {
      void import('hls.js/light').then(({ default: Hls }) => {
        if (cancelled) return
        if (!Hls.isSupported()) {
          setError('This browser cannot play HLS.')
          return
        }
        // No worker: the CSP allows scripts from PlayGate's origin only, not blob: workers.
        const hls = new Hls({ enableWorker: false })
        hls.on(Hls.Events.ERROR, (_event, data) => {
          if (data.fatal) setError(`Playback failed: ${data.details}`)
        })
        hls.on(Hls.Events.MANIFEST_PARSED, start)
        hls.loadSource(url)
        hls.attachMedia(video)
        destroy = () => hls.destroy()
      })
    } else {
      video.src = url
      start()
      destroy = () => {
        video.removeAttribute('src')
        video.load()
      }
    }
    return () => {
      cancelled = true
      destroy?.()
    }
  }, [url, format, autoplay])

  return (
    <div class="player">
      <video
        ref={ref}
        controls
        muted={autoplay}
        playsInline
        preload="metadata"
        aria-label={label}
        onError={() =>
          setError('The video could not be played: the URL was refused or the file is unreadable.')
        }
      />
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
    </div>
  )
}
