// twoReplicas(t): two PlayGates (each its API and edge listening on 127.0.0.1) on one SQLite
// database file and one Redis (its own key prefix, cleaned up), sharing a fixed clock, as two
// replicas behind a load balancer. Undefined when PLAYGATE_TEST_REDIS_URL is not set.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TestContext } from 'node:test'
import { SHARED_STATES } from '../helpers/shared-state.ts'
import { buildEdgeTestApp, type EdgeTestApp } from './edge-app.ts'

export const REDIS_SKIP = process.env.PLAYGATE_TEST_REDIS_URL
  ? false
  : 'PLAYGATE_TEST_REDIS_URL is not set'

export interface Replicas {
  readonly a: EdgeTestApp
  readonly b: EdgeTestApp
  /** The same signed URL on replica b (`url` as replica a's). */
  readonly onB: (url: string) => string
}

export async function twoReplicas(
  t: Pick<TestContext, 'after'>,
  env: Record<string, string> = {},
): Promise<Replicas> {
  const redis = SHARED_STATES.find((kind) => kind.name === 'redis')
  if (!redis) throw new Error('PLAYGATE_TEST_REDIS_URL is not set')
  const dir = mkdtempSync(join(tmpdir(), 'playgate-replicas-'))
  t.after(() => rmSync(dir, { recursive: true, force: true }))
  const harness = await redis.create(t)
  const shared = { ...env, PLAYGATE_DATABASE_URL: `sqlite:${join(dir, 'shared.db')}` }
  const a = await buildEdgeTestApp(t, {
    env: shared,
    replica: { state: harness.state, clock: harness.clock },
  })
  const b = await buildEdgeTestApp(t, {
    env: shared,
    replica: { state: harness.sibling(), clock: harness.clock, joins: true },
  })
  return { a, b, onB: (url) => url.replace(a.base, b.base) }
}
