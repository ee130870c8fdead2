// A DingTalk conference's page: its fields (edit, delete), its cloud recordings (each plays a
// catalog video; paged) with how many transcript paragraphs each has, linking to the transcript.
import type { Conference, Recording, Transcript } from '../../../../src/http/native/schemas.ts'
import { api, seg } from '../../shared/api.ts'
import { href } from '../router.ts'
import { DetailPage } from '../ui/detail.tsx'
import { localDateTime, toBody, type Field } from '../ui/form.tsx'
import { formatBytes, formatDate, formatDuration } from '../ui/format.ts'
import { useLoad } from '../ui/load.ts'
import { ItemsSection } from '../ui/section.tsx'
import { CONFERENCE_FIELDS, base, conferenceBody, conferencePath } from './dingtalk.tsx'

/** The console path of a conference's transcript, showing one recording's paragraphs if given. */
export const transcriptHref = (tenantId: string, id: string, recordId?: string) =>
  href(`${conferencePath(tenantId, id)}/transcript`, { recordId })

export function ConferencePage({ params }: { params: Record<string, string> }) {
  const tenantId = params.tenantId!
  const id = params.id!
  const apiPath = `${base(tenantId)}/conferences/${seg(id)}`
  return (
    <DetailPage<Conference>
      kind="conference"
      listPath={href('/dingtalk', { tenantId }).slice(1)}
      listLabel={`DingTalk of ${tenantId}`}
      apiPath={apiPath}
      title={(c) => c.title}
      rows={(c) => [
        ['Id', <code>{c.id}</code>],
        ['Host', <code class="break">{c.hostUnionId}</code>],
        ['Participants', c.participants.join(', ')],
        ['Started', formatDate(c.startedAt)],
        ['Ended', formatDate(c.endedAt)],
        ['Transcript', <a href={transcriptHref(tenantId, c.id)}>Read the transcript</a>],
      ]}
      edit={{
        fields: CONFERENCE_FIELDS,
        initial: (c) => ({
          title: c.title,
          hostUnionId: c.hostUnionId,
          participants: c.participants.join(', '),
          startedAt: localDateTime(c.startedAt),
          endedAt: localDateTime(c.endedAt),
        }),
        body: (values) => conferenceBody(values, true),
      }}
      deleteWarning="Deleting a conference deletes its recordings and transcript; their videos stay."
    >
      {() => <Recordings tenantId={tenantId} conferenceId={id} />}
    </DetailPage>
  )
}

const RECORDING_FIELDS: readonly Field[] = [
  { name: 'videoId', label: 'Video id', required: true, help: 'The catalog video it plays.' },
  { name: 'regionId', label: 'Region', required: true, placeholder: 'cn-hangzhou' },
  { name: 'unionId', label: 'Recorded by (unionId)', required: true },
  { name: 'startedAt', label: 'Started', kind: 'datetime', required: true },
  { name: 'endedAt', label: 'Ended', kind: 'datetime', required: true },
  { name: 'mediaId', label: 'mediaId', help: 'Optional; generated when empty.' },
  { name: 'durationMs', label: 'Duration (ms)', kind: 'number' },
  { name: 'fileSize', label: 'Size (bytes)', kind: 'number' },
]

function Recordings({ tenantId, conferenceId }: { tenantId: string; conferenceId: string }) {
  const path = `${base(tenantId)}/conferences/${seg(conferenceId)}/recordings`
  // Paragraphs name their recording by DingTalk's numeric recordId: counted per recording id.
  const transcript = useLoad(
    () => api.get<Transcript>(`${base(tenantId)}/conferences/${seg(conferenceId)}/transcript`),
    [tenantId, conferenceId],
  )
  const paragraphsOf = (r: Recording) =>
    transcript.data?.paragraphs.filter((p) => String(p.recordId) === r.id).length ?? 0
  return (
    <ItemsSection<Recording>
      id="recordings"
      title="Recordings"
      load={(page, pageSize) => api.list<Recording>(path, { page, pageSize })}
      deps={[path]}
      rowKey={(r) => r.id}
      empty="No recordings yet."
      columns={[
        ['Video', (r) => <a href={href(`/videos/${seg(r.videoId)}`)}>{r.videoId}</a>],
        ['mediaId', (r) => <code class="break">{r.mediaId}</code>],
        ['Region', (r) => r.regionId],
        ['By', (r) => <code class="break">{r.unionId}</code>],
        ['Started', (r) => formatDate(r.startedAt)],
        ['Duration', (r) => formatDuration(r.durationMs / 1000)],
        ['Size', (r) => formatBytes(r.fileSize)],
        [
          'Transcript',
          (r) =>
            paragraphsOf(r) > 0 ? (
              <a href={transcriptHref(tenantId, conferenceId, r.id)}>
                {paragraphsOf(r)} paragraphs<span class="sr-only"> of recording {r.id}</span>
              </a>
            ) : (
              '—'
            ),
        ],
      ]}
      add={{
        label: 'Add a recording',
        submitLabel: 'Add',
        fields: RECORDING_FIELDS,
        submit: async (values) => {
          const added = await api.post<Recording>(path, toBody(RECORDING_FIELDS, values))
          return `Added the recording ${added.id}.`
        },
      }}
      remove={{
        label: 'Delete',
        title: 'Delete this recording?',
        names: (r) => `recording ${r.id}`,
        warning: <p>DingTalk’s getVideos no longer lists it; its video stays in the catalog.</p>,
        run: async (r) => {
          await api.delete(`${path}/${seg(r.id)}`)
          return `Deleted the recording ${r.id}.`
        },
      }}
    />
  )
}
