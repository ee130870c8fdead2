// buildTestServices(t): every use case wired by hand from ServiceDeps, on a migrated test database,
// in-memory shared state and a fixed clock, with the committed demo media copied into a temp
// media root. Everything is closed or removed by t.after.
import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { TestContext } from 'node:test'
import { loadConfig } from '../../src/config/load.ts'
import { AppError } from '../../src/core/errors.ts'
import { fixedClock } from '../../src/core/ports.ts'
import { createSecretBox, parseMasterKey } from '../../src/core/secret-box.ts'
import { nodeCrypto } from '../../src/platform/node/crypto.ts'
import { resolveUnderRoot } from '../../src/platform/node/media-path.ts'
import { createMediaProbe } from '../../src/platform/node/media-probe.ts'
import { createMemorySharedState } from '../../src/platform/node/memory-shared-state.ts'
import { createServices, type Services } from '../../src/services/container.ts'
import type { ServiceDeps } from '../../src/services/deps.ts'
import type { DialectName } from '../../src/storage/db.ts'
import { openTestDb } from './db.ts'

export const TEST_SERVICES_MASTER_KEY =
  'e33fd048e6b3cec452267b232c8f89afbb2305c18ad2911c81f2a93080d41375'

/** The committed sample (media/demo): a 6-second clip as MP4 and as HLS. */
export const DEMO_MEDIA_DIR = fileURLToPath(new URL('../../media/demo', import.meta.url))

export type TestClock = ReturnType<typeof fixedClock>

export interface TestServices {
  readonly services: Services
  readonly deps: ServiceDeps
  /** Temp media root holding a copy of the demo media under `demo/`. */
  readonly mediaRoot: string
  readonly clock: TestClock
}

export async function buildTestServices(
  t: Pick<TestContext, 'after'>,
  options: { dialect?: DialectName; clock?: TestClock; env?: Record<string, string> } = {},
): Promise<TestServices> {
  const clock = options.clock ?? fixedClock('2026-01-01T00:00:00Z')
  const db = await openTestDb(t, options.dialect ?? 'sqlite')
  const state = createMemorySharedState({ clock, sweepIntervalMs: 0 })
  t.after(() => state.close())
  const mediaRoot = mkdtempSync(join(tmpdir(), 'playgate-media-'))
  t.after(() => rmSync(mediaRoot, { recursive: true, force: true }))
  cpSync(DEMO_MEDIA_DIR, join(mediaRoot, 'demo'), { recursive: true })

  const deps: ServiceDeps = {
    db,
    box: createSecretBox(parseMasterKey(TEST_SERVICES_MASTER_KEY)!, nodeCrypto),
    crypto: nodeCrypto,
    clock,
    state,
    config: loadConfig({ env: options.env ?? {} }),
    mediaRoot,
    mediaProbe: createMediaProbe(),
    // As compose.ts wires it: any refusal names the location parameter.
    async resolveMedia(relative) {
      const verdict = await resolveUnderRoot(mediaRoot, relative)
      if (!verdict.ok)
        throw new AppError('INVALID_PARAMETER', `media location: ${verdict.reason}`, {
          details: { parameter: 'location' },
        })
      return verdict.value
    },
  }
  return { services: createServices(deps), deps, mediaRoot, clock }
}

export { rejectsWith } from '../storage/fixtures.ts'
