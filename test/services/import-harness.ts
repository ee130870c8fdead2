// A world for import tests: buildTestServices' deps (a test database of either dialect, a temp
// media root holding the demo sample) with the built-in media readers, and the example fixture.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { TestContext } from 'node:test'
import { fixedClock } from '../../src/core/ports.ts'
import type { SecretBox } from '../../src/core/secret-box.ts'
import { createMediaProbe } from '../../src/platform/node/media-probe.ts'
import type { ServiceDeps } from '../../src/services/deps.ts'
import { parseImportText } from '../../src/services/import-document.ts'
import { createImporter, IMPORT_KINDS, type ImportKind } from '../../src/services/import.ts'
import type { Db, DialectName } from '../../src/storage/db.ts'
import { buildTestServices, type TestClock } from '../helpers/services.ts'

export const REPO = new URL('../../', import.meta.url).pathname
export const FIXTURE_PATH = join(REPO, 'examples/fixture.yaml')
export const T0 = Date.UTC(2026, 0, 1)

export interface ImportWorld {
  readonly db: Db
  readonly deps: ServiceDeps
  readonly importer: ReturnType<typeof createImporter>
  readonly mediaRoot: string
  readonly clock: TestClock
}

export async function importWorld(
  t: Pick<TestContext, 'after'>,
  dialect: DialectName,
  options: { box?: SecretBox } = {},
): Promise<ImportWorld> {
  const built = await buildTestServices(t, { dialect, clock: fixedClock(T0) })
  const deps: ServiceDeps = {
    ...built.deps,
    box: options.box ?? built.deps.box,
    // The built-in readers, so results do not depend on the machine's ffprobe.
    mediaProbe: createMediaProbe({ mode: 'builtin' }),
  }
  const { mediaRoot, clock } = built
  return { db: deps.db, deps, importer: createImporter(deps), mediaRoot, clock }
}

/** The committed example fixture, parsed. */
export function exampleFixture(): unknown {
  const parsed = parseImportText(readFileSync(FIXTURE_PATH, 'utf8'), 'yaml')
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems))
  return parsed.value
}

/** Rows per table, to show an import wrote nothing (or nothing twice). */
export async function rowCounts(db: Db): Promise<Record<string, number>> {
  const tables = [
    'tenants',
    'access_keys',
    'play_domains',
    'videos',
    'video_aliases',
    'vendor_accounts',
    'streams',
    'play_passwords',
    'dingtalk_orgs',
    'dingtalk_apps',
    'dingtalk_users',
    'conferences',
    'recordings',
    'transcript_paragraphs',
    'viewer_policies',
    'revocations',
    'live_streams',
  ] as const
  const out: Record<string, number> = {}
  for (const table of tables) {
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    out[table] = Number(row.n)
  }
  return out
}

/** A summary with every kind at zero except the given counts. */
export function counts(
  kinds: Partial<Record<ImportKind, [created: number, updated: number, unchanged: number]>>,
): Record<string, { created: number; updated: number; unchanged: number }> {
  return Object.fromEntries(
    IMPORT_KINDS.map((k) => {
      const [created, updated, unchanged] = kinds[k] ?? [0, 0, 0]
      return [k, { created, updated, unchanged }]
    }),
  )
}

/** The summary of importing the example fixture into an empty database: everything created. */
export const FIXTURE_CREATED = counts({
  tenants: [2, 0, 0],
  accounts: [2, 0, 0],
  accessKeys: [5, 0, 0],
  playDomains: [4, 0, 0],
  videos: [4, 0, 0],
  aliases: [3, 0, 0],
  streams: [6, 0, 0],
  passwords: [3, 0, 0],
  dingtalkOrgs: [1, 0, 0],
  dingtalkApps: [1, 0, 0],
  dingtalkUsers: [2, 0, 0],
  conferences: [1, 0, 0],
  recordings: [2, 0, 0],
  transcripts: [1, 0, 0],
  viewerPolicies: [2, 0, 0],
  revocations: [2, 0, 0],
  liveStreams: [2, 0, 0],
  playsafe: [1, 0, 0],
})

/** The summary of importing it again: every record it created, unchanged. */
export const FIXTURE_UNCHANGED = Object.fromEntries(
  Object.entries(FIXTURE_CREATED).map(([kind, c]) => [
    kind,
    { created: 0, updated: 0, unchanged: c.created },
  ]),
)
