// A DingTalk conference's transcript (what getTexts pages through), shown per recording: its
// paragraphs grouped by DingTalk's numeric recordId, one recording's alone when the address says
// so (`?recordId=…`), paged in the address. The API stores a transcript whole: replace it from
// JSON (the import format's paragraphs), or delete it.
import { useState } from 'preact/hooks'
import type { Conference, Recording, Transcript } from '../../../../src/http/native/schemas.ts'
import { ApiError, api, seg } from '../../shared/api.ts'
import { href, navigate, type Route } from '../router.ts'
import { Form } from '../ui/form.tsx'
import { formatDate } from '../ui/format.ts'
import { useLoad } from '../ui/load.ts'
import { ItemTable } from '../ui/table.tsx'
import { Confirm, ErrorNote, Notice, Pager } from '../ui/widgets.tsx'
import { base, conferencePath } from './dingtalk.tsx'
import { useFocusBack } from '../ui/focus.ts'

type Paragraph = Transcript['paragraphs'][number]

const PAGE_SIZE = 50

/** Milliseconds into the recording as `m:ss.s`. */
export function offset(ms: number): string {
  const minutes = Math.floor(ms / 60_000)
  const seconds = ((ms % 60_000) / 1000).toFixed(1).padStart(4, '0')
  return `${minutes}:${seconds}`
}

const EXAMPLE = `[{ "unionId": "…", "nickName": "…", "paragraph": "…", "recordId": 0,
  "startTime": 0, "endTime": 2500, "status": 1, "sentenceList": [] }]`

export function TranscriptPage({
  route,
  params,
}: {
  route: Route
  params: Record<string, string>
}) {
  const tenantId = params.tenantId!
  const id = params.id!
  const apiPath = `${base(tenantId)}/conferences/${seg(id)}`
  const recordId = route.query.get('recordId') ?? ''
  const page = Math.max(1, Number(route.query.get('page') ?? '1') || 1)
  const conference = useLoad(() => api.get<Conference>(apiPath), [apiPath])
  const transcript = useLoad(() => api.get<Transcript>(`${apiPath}/transcript`), [apiPath])
  // Recordings name the groups (a paragraph's recordId is a recording's id as a number).
  const recordings = useLoad(
    () => api.list<Recording>(`${apiPath}/recordings`, { page: 1, pageSize: 100 }),
    [apiPath],
  )
  const [replacing, setReplacing] = useState(false)
  const openButton = useFocusBack(replacing)
  const [deleting, setDeleting] = useState(false)
  const [notice, setNotice] = useState<string>()
  const path = `${conferencePath(tenantId, id)}/transcript`
  const go = (changes: Record<string, string | number | undefined>) =>
    navigate(path, { recordId, page, ...changes })

  const all = transcript.data?.paragraphs ?? []
  const recordIds = [...new Set(all.map((p) => String(p.recordId)))]
  const shown = recordId ? all.filter((p) => String(p.recordId) === recordId) : all
  const slice = shown.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE)
  const groups = new Map<string, Paragraph[]>()
  for (const p of slice)
    groups.set(String(p.recordId), [...(groups.get(String(p.recordId)) ?? []), p])
  const known = new Map(recordings.data?.items.map((r) => [r.id, r]))
  const groupName = (rid: string) =>
    known.has(rid) ? `Recording ${rid}` : `recordId ${rid} (no recording with this id)`

  return (
    <section aria-labelledby="page-title">
      <nav class="crumbs" aria-label="Breadcrumb">
        <a href={href('/dingtalk', { tenantId })}>DingTalk of {tenantId}</a> /{' '}
        <a href={href(conferencePath(tenantId, id))}>{conference.data?.title ?? id}</a> /
      </nav>
      <header class="page-head">
        <h1 id="page-title">Transcript</h1>
        <div class="actions">
          {!replacing && (
            <button ref={openButton} type="button" onClick={() => setReplacing(true)}>
              Replace transcript
            </button>
          )}
          {all.length > 0 && (
            <button type="button" class="danger" onClick={() => setDeleting(true)}>
              Delete transcript
            </button>
          )}
        </div>
      </header>
      <Notice text={notice} />
      <ErrorNote error={conference.error ?? transcript.error ?? recordings.error} />
      {replacing && (
        <section class="card" aria-labelledby="replace-heading">
          <h2 id="replace-heading">Replace the transcript</h2>
          <Form
            id="transcript"
            fields={[
              {
                name: 'paragraphs',
                label: 'Paragraphs (JSON)',
                kind: 'textarea',
                required: true,
                help: `A JSON list replacing the whole transcript, e.g. ${EXAMPLE}`,
              },
            ]}
            initial={{
              paragraphs: JSON.stringify(
                all.map(({ seq: _, ...p }) => p),
                null,
                2,
              ),
            }}
            submitLabel="Save transcript"
            onCancel={() => setReplacing(false)}
            onSubmit={async (values) => {
              let paragraphs: unknown
              try {
                paragraphs = JSON.parse(String(values.paragraphs ?? ''))
              } catch (e) {
                throw new ApiError(
                  400,
                  { message: `Not JSON: ${(e as Error).message}`, parameter: 'paragraphs' },
                  'Not JSON',
                )
              }
              await api.put(`${apiPath}/transcript`, { paragraphs })
              setReplacing(false)
              setNotice('Transcript saved.')
              transcript.reload()
            }}
          />
        </section>
      )}
      {transcript.data && (
        <>
          <div class="toolbar">
            <div class="field inline">
              <label for="transcript-recording">Recording</label>
              <select
                id="transcript-recording"
                value={recordId}
                onChange={(e) => go({ recordId: e.currentTarget.value, page: 1 })}
              >
                <option value="">All</option>
                {recordIds.map((rid) => (
                  <option key={rid} value={rid}>
                    {groupName(rid)}
                  </option>
                ))}
              </select>
            </div>
          </div>
          {shown.length === 0 && (
            <p class="empty">
              {all.length ? 'No paragraphs for this recording.' : 'No transcript.'}
            </p>
          )}
          {[...groups].map(([rid, paragraphs]) => (
            <section class="card" key={rid} aria-labelledby={`record-${rid}`}>
              <h2 id={`record-${rid}`}>{groupName(rid)}</h2>
              {known.has(rid) && (
                <p class="help">
                  Plays{' '}
                  <a href={href(`/videos/${seg(known.get(rid)!.videoId)}`)}>
                    {known.get(rid)!.videoId}
                  </a>
                  ; recorded from {formatDate(known.get(rid)!.startedAt)}.
                </p>
              )}
              <ItemTable<Paragraph>
                items={paragraphs}
                rowKey={(p) => String(p.seq)}
                empty="None."
                columns={[
                  ['Time', (p) => `${offset(p.startTime)}–${offset(p.endTime)}`],
                  [
                    'Speaker',
                    (p) => (
                      <>
                        {p.nickName} <code class="break">{p.unionId}</code>
                      </>
                    ),
                  ],
                  ['Paragraph', (p) => p.paragraph],
                  ['Sentences', (p) => p.sentenceList.length],
                ]}
              />
            </section>
          ))}
          {shown.length > PAGE_SIZE && (
            <Pager
              page={page}
              pageSize={PAGE_SIZE}
              total={shown.length}
              onPage={(p) => go({ page: p })}
            />
          )}
        </>
      )}
      {deleting && (
        <Confirm
          title="Delete the transcript?"
          confirmLabel="Delete"
          danger
          onClose={() => setDeleting(false)}
          onConfirm={async () => {
            await api.delete(`${apiPath}/transcript`)
            setNotice('Transcript deleted.')
            transcript.reload()
          }}
        >
          <p>DingTalk’s getTexts answers no paragraphs for this conference from now on.</p>
        </Confirm>
      )}
    </section>
  )
}
