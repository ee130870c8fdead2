// The overview: play credentials issued and denied over time, denials by reason, the most played
// videos and the latest key rotations, all read from the audit log (its newest events).
import { useState } from 'preact/hooks'
import type { AuditEvent } from '../../../../src/http/native/schemas.ts'
import { api } from '../../shared/api.ts'
import { href } from '../router.ts'
import { BarChart, TimeChart } from '../ui/chart.tsx'
import { useLoad } from '../ui/load.ts'
import { ErrorNote } from '../ui/widgets.tsx'

/** The overview reads at most this many of the newest events (5 pages of the API's maximum). */
const MAX_EVENTS = 500
const PAGE = 100

const RANGES = [
  { label: 'Last 24 hours', seconds: 86_400, bucket: 3600 },
  { label: 'Last 7 days', seconds: 7 * 86_400, bucket: 86_400 },
  { label: 'Last 30 days', seconds: 30 * 86_400, bucket: 86_400 },
] as const

async function newestEvents(since: number): Promise<{ events: AuditEvent[]; capped: boolean }> {
  const events: AuditEvent[] = []
  for (let page = 1; events.length < MAX_EVENTS; page++) {
    const batch = await api.list<AuditEvent>('/audit-events', { page, pageSize: PAGE })
    events.push(...batch.items)
    const oldest = batch.items.at(-1)
    if (batch.items.length < PAGE || !oldest || Date.parse(oldest.at) < since)
      return { events, capped: false }
  }
  return { events, capped: true }
}

function countBy<T>(items: readonly T[], key: (item: T) => string): [string, number][] {
  const counts = new Map<string, number>()
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1)
  return [...counts].sort((a, b) => b[1] - a[1])
}

export function OverviewPage() {
  const [rangeIndex, setRangeIndex] = useState(0)
  const range = RANGES[rangeIndex]!
  const now = Date.now()
  const since = now - range.seconds * 1000
  const loaded = useLoad(() => newestEvents(since), [rangeIndex])

  const events = (loaded.data?.events ?? []).filter((e) => Date.parse(e.at) >= since)
  const issued = events.filter((e) => e.kind === 'credential.issued')
  const denied = events.filter((e) => e.kind === 'credential.denied')
  const passwordDenied = events.filter((e) => e.kind === 'password.attempted' && e.reason)

  const first = Math.floor(since / 1000 / range.bucket) * range.bucket
  const times: number[] = []
  for (let t = first; t <= now / 1000; t += range.bucket) times.push(t)
  const perBucket = (list: AuditEvent[]) => {
    const values = times.map(() => 0)
    for (const e of list) {
      const i = Math.floor((Date.parse(e.at) / 1000 - first) / range.bucket)
      if (i >= 0 && i < values.length) values[i]! += 1
    }
    return values
  }
  const reasons = countBy([...denied, ...passwordDenied], (e) => e.reason ?? 'unknown')
  const topVideos = countBy(issued, (e) => e.subject).slice(0, 8)
  const rotations = events.filter((e) => e.kind === 'key.rotated').slice(0, 5)

  return (
    <section aria-labelledby="page-title">
      <header class="page-head">
        <h1 id="page-title">Overview</h1>
        <div class="field inline">
          <label for="overview-range">Period</label>
          <select
            id="overview-range"
            value={rangeIndex}
            onChange={(e) => setRangeIndex(Number(e.currentTarget.value))}
          >
            {RANGES.map((r, i) => (
              <option key={r.label} value={i}>
                {r.label}
              </option>
            ))}
          </select>
        </div>
      </header>
      <ErrorNote error={loaded.error} />
      {loaded.data && (
        <>
          <div class="tiles">
            <p class="tile">
              <strong>{issued.length}</strong> credentials issued
            </p>
            <p class="tile">
              <strong>{denied.length}</strong> credentials denied
            </p>
            <p class="tile">
              <strong>{passwordDenied.length}</strong> wrong passwords
            </p>
            <p class="tile">
              <strong>{rotations.length}</strong> key rotations
            </p>
          </div>
          {loaded.data.capped && (
            <p class="help">
              Drawn from the newest {MAX_EVENTS} audit events; older ones in this period are left
              out.
            </p>
          )}
          <div class="charts">
            <TimeChart
              title="Play credentials over time"
              times={times}
              series={[
                { label: 'issued', color: '#1d4ed8', values: perBucket(issued) },
                { label: 'denied', color: '#b42318', values: perBucket(denied) },
              ]}
            />
            <BarChart
              title="Denials by reason"
              labels={reasons.map(([r]) => r)}
              values={reasons.map(([, n]) => n)}
              color="#b42318"
              empty="No denials in this period."
            />
            <BarChart
              title="Top videos by credentials issued"
              labels={topVideos.map(([v]) => v)}
              values={topVideos.map(([, n]) => n)}
              color="#067647"
              empty="No credentials issued in this period."
            />
          </div>
          {topVideos.length > 0 && (
            <ol class="top-videos" aria-label="Top videos">
              {topVideos.map(([id, n]) => (
                <li key={id}>
                  <a href={href(`/videos/${encodeURIComponent(id)}`)}>
                    <code>{id}</code>
                  </a>{' '}
                  — {n}
                </li>
              ))}
            </ol>
          )}
          <p>
            Edge requests are counted in <code>/metrics</code> (Prometheus); each event behind these
            charts is in the <a href={href('/audit')}>audit log</a>.
          </p>
        </>
      )}
    </section>
  )
}
