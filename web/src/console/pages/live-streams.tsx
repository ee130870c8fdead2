// Live streams (a play domain's AppName/StreamName): list by tenant and domain, create, edit,
// delete, and freshly signed play URLs (HLS, FLV, RTMP, WebRTC) plus the push URL, copyable.
import { useState } from 'preact/hooks'
import type { LivePlayUrls, LiveStream } from '../../../../src/http/native/schemas.ts'
import { api, seg } from '../../shared/api.ts'
import { navigate, type Route } from '../router.ts'
import type { Field, Values } from '../ui/form.tsx'
import { formatDate, relative } from '../ui/format.ts'
import { DetailPage } from '../ui/detail.tsx'
import { ListPage } from '../ui/list.tsx'
import { Badge, Copyable, ErrorNote } from '../ui/widgets.tsx'

const SETTINGS: readonly Field[] = [
  {
    name: 'location',
    label: 'Location',
    required: true,
    help: 'The HLS playlist: a path under the media root (hls/test.m3u8) or an http(s) URL.',
  },
  { name: 'videoId', label: 'Video id', help: 'Optional: the video this stream belongs to.' },
  { name: 'enabled', label: 'Enabled', kind: 'checkbox' },
]

/** PATCH body: a cleared video id is sent as null (unlinked), not left out. */
function updateBody(values: Values): Record<string, unknown> {
  const text = (name: string) => String(values[name] ?? '').trim()
  return {
    location: text('location'),
    videoId: text('videoId') || null,
    enabled: Boolean(values.enabled),
  }
}

export function LiveStreamsPage({ route }: { route: Route }) {
  return (
    <ListPage<LiveStream>
      title="Live streams"
      route={route}
      path="/live-streams"
      apiPath="/live-streams"
      filters={[
        { name: 'tenantId', label: 'Tenant id' },
        { name: 'playDomainId', label: 'Play domain id' },
      ]}
      itemPath={(s) => `/live-streams/${seg(s.id)}`}
      openById={{ label: 'Live stream id', path: (id) => `/live-streams/${seg(id)}` }}
      columns={[
        { label: 'Stream', render: (s) => `${s.appName}/${s.streamName}` },
        { label: 'Enabled', render: (s) => <Badge value={String(s.enabled)} /> },
        { label: 'Location', render: (s) => <code class="break">{s.location}</code> },
        { label: 'Tenant', render: (s) => <code>{s.tenantId}</code> },
        { label: 'Created', render: (s) => formatDate(s.createdAt) },
      ]}
      create={{
        label: 'New live stream',
        initial: { appName: 'live', enabled: true },
        fields: [
          { name: 'playDomainId', label: 'Play domain id', required: true },
          { name: 'appName', label: 'AppName' },
          { name: 'streamName', label: 'StreamName', required: true },
          ...SETTINGS,
        ],
        submit: (body) => api.post<LiveStream>('/live-streams', body),
        done: (s) => navigate(`/live-streams/${seg(s.id)}`),
      }}
    />
  )
}

export function LiveStreamPage({ params }: { params: Record<string, string> }) {
  const id = params.id!
  return (
    <DetailPage<LiveStream>
      kind="live stream"
      listPath="/live-streams"
      listLabel="Live streams"
      apiPath={`/live-streams/${seg(id)}`}
      title={(s) => `${s.appName}/${s.streamName}`}
      rows={(s) => [
        ['Id', <code>{s.id}</code>],
        ['Tenant', <a href={`#/tenants/${seg(s.tenantId)}`}>{s.tenantId}</a>],
        ['Play domain', <a href={`#/play-domains/${seg(s.playDomainId)}`}>{s.playDomainId}</a>],
        ['Location', <code class="break">{s.location}</code>],
        ['Video', s.videoId ? <a href={`#/videos/${seg(s.videoId)}`}>{s.videoId}</a> : '—'],
        ['Enabled', <Badge value={String(s.enabled)} />],
        ['Updated', formatDate(s.updatedAt)],
      ]}
      edit={{
        fields: SETTINGS,
        initial: (s) => ({ location: s.location, videoId: s.videoId ?? '', enabled: s.enabled }),
        body: updateBody,
      }}
      deleteWarning="Deleting a live stream makes its play and push URLs stop working at once."
    >
      {() => <LivePlayUrlsSection id={id} />}
    </DetailPage>
  )
}

function LivePlayUrlsSection({ id }: { id: string }) {
  const [urls, setUrls] = useState<LivePlayUrls>()
  const [error, setError] = useState<Error>()
  async function sign() {
    setError(undefined)
    try {
      setUrls(await api.get<LivePlayUrls>(`/live-streams/${seg(id)}/play-urls`))
    } catch (e) {
      setError(e as Error)
    }
  }
  const rows = urls
    ? ([
        ['HLS', urls.m3u8],
        ['FLV', urls.flv],
        ['RTMP', urls.rtmp],
        ['WebRTC', urls.webrtc],
        ['Push (24 h)', urls.push],
      ] as const)
    : []
  return (
    <section class="card" aria-labelledby="live-urls-title">
      <header class="page-head">
        <h2 id="live-urls-title">Play URLs</h2>
        <button type="button" class="primary" onClick={() => void sign()}>
          {urls ? 'Sign again' : 'Sign play URLs'}
        </button>
      </header>
      <ErrorNote error={error} />
      {urls && (
        <>
          <p>
            Signed for <code>{urls.host}</code>, expire {formatDate(urls.expiresAt)} (
            {relative(urls.expiresAt)}).
          </p>
          <ul class="url-list">
            {rows.map(
              ([label, url]) =>
                url && (
                  <li key={label}>
                    <span class="url-label">{label}</span>
                    <Copyable text={url} label={`${label} URL`} />
                  </li>
                ),
            )}
          </ul>
        </>
      )}
    </section>
  )
}
