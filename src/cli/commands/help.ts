// `playgate help [COMMAND]`: the overview, or one command's options.
import { COMMANDS, overview, unknownCommand } from '../commands.ts'
import { EXIT, writeLine, type CliIo, type Command } from '../output.ts'

export const helpCommand: Command = {
  help: 'usage: playgate help [COMMAND]',
  async run(args: readonly string[], io: CliIo): Promise<number> {
    // No parseArgs: it would load the configuration schema just to read command words.
    const words = args.filter((a) => !a.startsWith('-'))
    const name = words.join(' ')
    if (name === '') {
      writeLine(io.stdout, overview())
      return EXIT.ok
    }
    const entry = COMMANDS[name]
    if (!entry) throw unknownCommand(words)
    writeLine(io.stdout, (await entry.load()).help)
    return EXIT.ok
  },
}
