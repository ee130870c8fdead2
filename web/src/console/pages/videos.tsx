// Videos: the catalog list (by tenant and status), create, and each video's page: metadata,
// streams with their probed facts, the play password and a preview from freshly signed URLs.
import { useState } from 'preact/hooks'
import { VIDEO_STATUSES } from '../../../../src/core/model.ts'
import type { Video } from '../../../../src/http/native/schemas.ts'
import { api, seg } from '../../shared/api.ts'
import { navigate, type Route } from '../router.ts'
import type { Field, Values } from '../ui/form.tsx'
import { formatBytes, formatDate, formatDuration } from '../ui/format.ts'
import { ListPage } from '../ui/list.tsx'
import { DetailPage } from '../ui/detail.tsx'
import { Badge, Copyable } from '../ui/widgets.tsx'
import { Preview } from './preview.tsx'
import { Streams } from './streams.tsx'
import { PlayPasswords, VideoAliases } from './video-extras.tsx'
import { ViewerPolicySection } from './viewer-controls.tsx'

const META_FIELDS: readonly Field[] = [
  { name: 'title', label: 'Title', required: true },
  { name: 'description', label: 'Description', kind: 'textarea' },
  { name: 'tags', label: 'Tags', kind: 'list', help: 'One per line or comma-separated.' },
  { name: 'referenceId', label: 'Reference id', help: 'Your own id for this video.' },
  { name: 'coverUrl', label: 'Cover URL', placeholder: 'https://…' },
]

export function VideosPage({ route }: { route: Route }) {
  return (
    <ListPage<Video>
      title="Videos"
      route={route}
      path="/videos"
      apiPath="/videos"
      filters={[
        { name: 'tenantId', label: 'Tenant id' },
        { name: 'status', label: 'Status', options: VIDEO_STATUSES },
      ]}
      itemPath={(v) => `/videos/${seg(v.id)}`}
      openById={{ label: 'Video id', path: (id) => `/videos/${seg(id)}` }}
      columns={[
        { label: 'Title', render: (v) => v.title },
        { label: 'Status', render: (v) => <Badge value={v.status} /> },
        { label: 'Duration', render: (v) => formatDuration(v.duration) },
        { label: 'Tenant', render: (v) => <code>{v.tenantId}</code> },
        { label: 'Created', render: (v) => formatDate(v.createdAt) },
      ]}
      create={{
        label: 'New video',
        initial: { tenantId: route.query.get('tenantId') ?? '', status: 'Normal' },
        fields: [
          { name: 'tenantId', label: 'Tenant id', required: true },
          ...META_FIELDS,
          { name: 'status', label: 'Status', kind: 'select', options: VIDEO_STATUSES },
        ],
        submit: (body) => api.post<Video>('/videos', body),
        done: (v) => navigate(`/videos/${seg(v.id)}`),
      }}
    />
  )
}

/** PATCH body from the edit form: cleared optional fields are sent as cleared, not left out. */
function updateBody(values: Values): Record<string, unknown> {
  const text = (name: string) => {
    const value = values[name]
    return typeof value === 'string' ? value.trim() : ''
  }
  return {
    title: text('title'),
    description: text('description'),
    tags: text('tags')
      .split(/[\n,]/)
      .map((s) => s.trim())
      .filter(Boolean),
    referenceId: text('referenceId') || null,
    coverUrl: text('coverUrl') || null,
    status: text('status'),
  }
}

export function VideoPage({ params }: { params: Record<string, string> }) {
  const id = params.id!
  return (
    <DetailPage<Video>
      kind="video"
      listPath="/videos"
      listLabel="Videos"
      apiPath={`/videos/${seg(id)}`}
      title={(v) => v.title}
      rows={(v) => [
        ['Id', <Copyable text={v.id} label="video id" />],
        ['Status', <Badge value={v.status} />],
        ['Tenant', <a href={`#/tenants/${seg(v.tenantId)}`}>{v.tenantId}</a>],
        ['Duration', formatDuration(v.duration)],
        ['Size', formatBytes(v.size)],
        ['Description', v.description || '—'],
        ['Tags', v.tags.length ? v.tags.join(', ') : '—'],
        ['Reference id', v.referenceId ?? '—'],
        ['Cover URL', v.coverUrl ?? '—'],
        ['Audit status', v.auditStatus],
        ['Updated', formatDate(v.updatedAt)],
      ]}
      edit={{
        fields: [
          ...META_FIELDS,
          {
            name: 'status',
            label: 'Status',
            kind: 'select',
            options: VIDEO_STATUSES,
            required: true,
          },
        ],
        initial: (v) => ({
          title: v.title,
          description: v.description,
          tags: v.tags.join(', '),
          referenceId: v.referenceId ?? '',
          coverUrl: v.coverUrl ?? '',
          status: v.status,
        }),
        body: updateBody,
      }}
      deleteWarning="Deleting a video deletes its streams and play password; its URLs stop working. The media files stay."
    >
      {(video, reload) => <VideoSections video={video} reload={reload} />}
    </DetailPage>
  )
}

/** The preview signs again whenever the streams or the password change. */
function VideoSections({ video, reload }: { video: Video; reload: () => void }) {
  const [streamsVersion, setStreamsVersion] = useState(0)
  return (
    <>
      <Preview key={streamsVersion} video={video} />
      <Streams
        videoId={video.id}
        onChange={() => {
          setStreamsVersion((n) => n + 1)
          reload()
        }}
      />
      <PlayPasswords videoId={video.id} onChange={() => setStreamsVersion((n) => n + 1)} />
      <VideoAliases videoId={video.id} />
      <ViewerPolicySection owner={`/videos/${seg(video.id)}`} />
    </>
  )
}
