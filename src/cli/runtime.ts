// Commands that need the catalog open a runtime (master key, database, migrations, services) for
// the length of one command and always close it, so the process can exit on its own.
import type { Config } from '../config/schema.ts'
import { createRuntime, type Runtime } from '../compose.ts'
import type { CliIo } from './output.ts'

export async function withRuntime<T>(
  io: CliIo,
  config: Config,
  use: (runtime: Runtime) => Promise<T>,
): Promise<T> {
  const runtime = await createRuntime(config, io.overrides)
  try {
    return await use(runtime)
  } finally {
    await runtime.close()
  }
}

/** Every item of a paged list, a page of 100 at a time. */
export async function allPages<T>(
  list: (page: number, pageSize: number) => Promise<{ items: T[]; total: number }>,
): Promise<T[]> {
  const items: T[] = []
  for (let page = 1; ; page++) {
    const result = await list(page, 100)
    items.push(...result.items)
    if (result.items.length === 0 || items.length >= result.total) return items
  }
}
