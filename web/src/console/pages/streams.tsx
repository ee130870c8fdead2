// A video's streams with the facts PlayGate probed from the media (resolution, bitrate, size,
// duration); register one by its location under the media root or an origin URL; delete.
import { useState } from 'preact/hooks'
import type { Stream } from '../../../../src/http/native/schemas.ts'
import { api, seg } from '../../shared/api.ts'
import { Form, toBody, type Field } from '../ui/form.tsx'
import { formatBytes, formatDuration } from '../ui/format.ts'
import { ItemTable } from '../ui/table.tsx'
import { useLoad } from '../ui/load.ts'
import { Badge, Confirm, ErrorNote } from '../ui/widgets.tsx'
import { useFocusBack } from '../ui/focus.ts'

const FORMATS = ['m3u8', 'mp4', 'mp3', 'flv', 'mpd'] as const
const DEFINITIONS = ['FD', 'LD', 'SD', 'HD', 'OD', '2K', '4K', 'SQ', 'HQ', 'AUTO'] as const

const STREAM_FIELDS: readonly Field[] = [
  {
    name: 'location',
    label: 'Location',
    required: true,
    placeholder: 'demo/hls/master.m3u8',
    help: 'A path under the media root (probed) or an http(s) origin URL.',
  },
  { name: 'definition', label: 'Definition', kind: 'select', options: DEFINITIONS },
  {
    name: 'format',
    label: 'Format',
    kind: 'select',
    options: FORMATS,
    help: 'Guessed from the file when empty.',
  },
  { name: 'status', label: 'Status', kind: 'select', options: ['Normal', 'Invisible'] },
]

export function Streams({ videoId, onChange }: { videoId: string; onChange: () => void }) {
  const base = `/videos/${seg(videoId)}/streams`
  const streams = useLoad(() => api.list<Stream>(base, { pageSize: 100 }), [base])
  const [adding, setAdding] = useState(false)
  const openButton = useFocusBack(adding)
  const [deleting, setDeleting] = useState<Stream>()

  return (
    <section class="card" aria-labelledby="streams-title">
      <header class="page-head">
        <h2 id="streams-title">Streams</h2>
        {!adding && (
          <button ref={openButton} type="button" class="primary" onClick={() => setAdding(true)}>
            Add a stream
          </button>
        )}
      </header>
      {adding && (
        <Form
          id="add-stream"
          fields={STREAM_FIELDS}
          submitLabel="Add"
          onCancel={() => setAdding(false)}
          onSubmit={async (values) => {
            await api.post<Stream>(base, toBody(STREAM_FIELDS, values))
            setAdding(false)
            streams.reload()
            onChange()
          }}
        />
      )}
      <ErrorNote error={streams.error} />
      {streams.data && (
        <ItemTable
          items={streams.data.items}
          rowKey={(s) => s.id}
          empty="No streams: add one to make the video playable."
          columns={[
            ['Format', (s) => s.format],
            ['Definition', (s) => s.definition],
            ['Resolution', (s) => (s.width && s.height ? `${s.width}×${s.height}` : '—')],
            ['Bitrate', (s) => (s.bitrate ? `${Math.round(s.bitrate)} kbit/s` : '—')],
            ['Size', (s) => formatBytes(s.size)],
            ['Duration', (s) => formatDuration(s.duration)],
            ['Location', (s) => <code class="break">{s.location}</code>],
            [
              'Status',
              (s) => (
                <>
                  <Badge value={s.status} />
                  {s.encrypted && <Badge value="encrypted" />}
                </>
              ),
            ],
          ]}
          action={{ label: 'Delete', names: (s) => `stream ${s.location}`, run: setDeleting }}
        />
      )}
      {deleting && (
        <Confirm
          title="Delete this stream?"
          confirmLabel="Delete"
          danger
          onClose={() => setDeleting(undefined)}
          onConfirm={async () => {
            await api.delete(`${base}/${seg(deleting.id)}`)
            streams.reload()
            onChange()
          }}
        >
          <p>
            <code>{deleting.location}</code> is no longer offered for this video. The media files
            stay.
          </p>
        </Confirm>
      )}
    </section>
  )
}
