// /metrics through prom-client: the default process and runtime metrics, HTTP requests by route,
// dialect requests by action, the edge's decisions and the caches' hits and misses (adopted from
// the services) and the audit queue depth. One registry per app, so apps built side by side (tests) count apart.
import {
  collectDefaultMetrics,
  Counter,
  Gauge,
  Histogram,
  Registry,
  type Metric,
} from 'prom-client'

const BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5]

/** What the registry reads from the services: the edge's and caches' counters, the audit queue. */
export interface MetricSources {
  readonly edgeControls: { readonly metrics: { readonly metrics: readonly Metric[] } }
  readonly caches: { readonly metrics: readonly Metric[] }
  readonly audit: { queued(): number }
}

export interface Metrics {
  observeRequest(labels: { method: string; route: string; status: number }, seconds: number): void
  /** One vendor-dialect request: `action` is the action's name, or `unknown` before lookup. */
  observeDialect(dialect: string, action: string, status: number, seconds: number): void
  /** Registers the services' metrics (once per app). */
  watch(sources: MetricSources): void
  readonly contentType: string
  render(): Promise<string>
}

export function createMetrics(): Metrics {
  const register = new Registry()
  collectDefaultMetrics({ register })
  const started = Date.now()
  new Gauge({
    name: 'playgate_uptime_seconds',
    help: 'Seconds since the process started.',
    registers: [register],
    collect() {
      this.set((Date.now() - started) / 1000)
    },
  })
  const requests = new Counter({
    name: 'playgate_http_requests_total',
    help: 'HTTP requests by method, route and status.',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [register],
  })
  const latency = new Histogram({
    name: 'playgate_http_request_duration_seconds',
    help: 'HTTP request latency by method, route and status.',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: BUCKETS,
    registers: [register],
  })
  const dialectRequests = new Counter({
    name: 'playgate_dialect_requests_total',
    help: 'Vendor-dialect API requests by dialect, action and status.',
    labelNames: ['dialect', 'action', 'status'] as const,
    registers: [register],
  })
  const dialectLatency = new Histogram({
    name: 'playgate_dialect_request_duration_seconds',
    help: 'Vendor-dialect API latency by dialect and action.',
    labelNames: ['dialect', 'action'] as const,
    buckets: BUCKETS,
    registers: [register],
  })

  // Each label set's children, found by one string key: prom-client hashes a labels object on
  // every inc and observe otherwise. Routes, actions and statuses are few, so this stays small.
  interface Children {
    readonly count: { inc(): void }
    readonly latency: { observe(seconds: number): void }
  }
  const requestChildren = new Map<string, Children>()
  const dialectChildren = new Map<string, Children>()

  return {
    observeRequest({ method, route, status }, seconds) {
      const key = `${method} ${status} ${route}`
      let child = requestChildren.get(key)
      if (!child) {
        const labels = { method, route, status: String(status) }
        child = { count: requests.labels(labels), latency: latency.labels(labels) }
        requestChildren.set(key, child)
      }
      child.count.inc()
      child.latency.observe(seconds)
    },
    observeDialect(dialect, action, status, seconds) {
      const key = `${dialect} ${status} ${action}`
      let child = dialectChildren.get(key)
      if (!child) {
        child = {
          count: dialectRequests.labels({ dialect, action, status: String(status) }),
          latency: dialectLatency.labels({ dialect, action }),
        }
        dialectChildren.set(key, child)
      }
      child.count.inc()
      child.latency.observe(seconds)
    },
    watch(sources) {
      for (const metric of sources.edgeControls.metrics.metrics) register.registerMetric(metric)
      for (const metric of sources.caches.metrics) register.registerMetric(metric)
      new Gauge({
        name: 'playgate_audit_queue_depth',
        help: 'Audit events queued and not yet written to storage.',
        registers: [register],
        collect() {
          this.set(sources.audit.queued())
        },
      })
    },
    contentType: register.contentType,
    render: () => register.metrics(),
  }
}
