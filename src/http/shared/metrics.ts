// A small Prometheus registry: request counts and a latency histogram by route and status,
// rendered in the text exposition format. Enough for /metrics without another dependency.

const BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5]

interface Series {
  count: number
  sum: number
  buckets: number[]
}

export interface Metrics {
  observeRequest(labels: { method: string; route: string; status: number }, seconds: number): void
  increment(name: string, labels: Record<string, string>, help: string): void
  render(): string
}

export function createMetrics(): Metrics {
  const requests = new Map<string, Series>()
  const counters = new Map<string, { help: string; values: Map<string, number> }>()
  const started = Date.now()

  return {
    observeRequest({ method, route, status }, seconds) {
      const key = labelString({ method, route, status: String(status) })
      let series = requests.get(key)
      if (!series) {
        series = { count: 0, sum: 0, buckets: BUCKETS.map(() => 0) }
        requests.set(key, series)
      }
      series.count++
      series.sum += seconds
      BUCKETS.forEach((le, i) => {
        if (seconds <= le) series.buckets[i]!++
      })
    },
    increment(name, labels, help) {
      let counter = counters.get(name)
      if (!counter) {
        counter = { help, values: new Map() }
        counters.set(name, counter)
      }
      const key = labelString(labels)
      counter.values.set(key, (counter.values.get(key) ?? 0) + 1)
    },
    render() {
      const lines = [
        '# HELP playgate_uptime_seconds Seconds since the process started.',
        '# TYPE playgate_uptime_seconds gauge',
        `playgate_uptime_seconds ${((Date.now() - started) / 1000).toFixed(3)}`,
        '# HELP playgate_http_requests_total HTTP requests by method, route and status.',
        '# TYPE playgate_http_requests_total counter',
      ]
      for (const [labels, s] of requests)
        lines.push(`playgate_http_requests_total{${labels}} ${s.count}`)
      lines.push(
        '# HELP playgate_http_request_duration_seconds HTTP request latency.',
        '# TYPE playgate_http_request_duration_seconds histogram',
      )
      for (const [labels, s] of requests) {
        BUCKETS.forEach((le, i) =>
          lines.push(
            `playgate_http_request_duration_seconds_bucket{${labels},le="${le}"} ${s.buckets[i]}`,
          ),
        )
        lines.push(`playgate_http_request_duration_seconds_bucket{${labels},le="+Inf"} ${s.count}`)
        lines.push(`playgate_http_request_duration_seconds_sum{${labels}} ${s.sum}`)
        lines.push(`playgate_http_request_duration_seconds_count{${labels}} ${s.count}`)
      }
      for (const [name, counter] of counters) {
        lines.push(`# HELP ${name} ${counter.help}`, `# TYPE ${name} counter`)
        for (const [labels, value] of counter.values) lines.push(`${name}{${labels}} ${value}`)
      }
      return lines.join('\n') + '\n'
    },
  }
}

function labelString(labels: Record<string, string>): string {
  return Object.entries(labels)
    .map(
      ([k, v]) => `${k}="${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`,
    )
    .join(',')
}
