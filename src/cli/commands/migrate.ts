// `playgate migrate`: applies every pending database migration and says which ran. Needs no
// master key, so it can run before the first start (e.g. as a deploy step).
import { dataPaths } from '../../compose.ts'
import { migrate, openDb, redactUrl } from '../../storage/db.ts'
import { loadCliConfig, parseArgs } from '../args.ts'
import { EXIT, printJson, writeLine, type CliIo, type Command } from '../output.ts'
import { helpText } from './help-text.ts'

const NAME = 'migrate'

export const migrateCommand: Command = {
  help: helpText(NAME, '', {}, 'Runs at every server start too; this runs it on its own.'),
  async run(args: readonly string[], io: CliIo): Promise<number> {
    const parsed = parseArgs(args, {}, NAME)
    const config = loadCliConfig(io, parsed)
    const url = dataPaths(config).databaseUrl
    const db = openDb({ url })
    try {
      const results = await migrate(db)
      const applied = results.filter((r) => r.status === 'Success').map((r) => r.migrationName)
      if (parsed.options.json) printJson(io, { database: redactUrl(url), applied })
      else {
        for (const name of applied) writeLine(io.stdout, `applied ${name}`)
        writeLine(io.stdout, `database is up to date (${redactUrl(url)})`)
      }
      return EXIT.ok
    } finally {
      await db.destroy()
    }
  },
}
