// `playgate completion bash|zsh`: a completion script for the command names, generated from the
// command table so it never falls behind. Install: `eval "$(playgate completion bash)"`.
import { parseArgs, positionals } from '../args.ts'
import { COMMANDS } from '../commands.ts'
import { EXIT, UsageError, writeLine, type CliIo, type Command } from '../output.ts'
import { helpText } from './help-text.ts'

const NAME = 'completion'

/** First words, and the second words each takes (`tenants` → `list`). */
function words(): { first: string[]; second: Record<string, string[]> } {
  const first = new Set<string>()
  const second: Record<string, string[]> = {}
  for (const name of Object.keys(COMMANDS)) {
    const [a, b] = name.split(' ') as [string, string | undefined]
    first.add(a)
    if (b) (second[a] ??= []).push(b)
  }
  return { first: [...first], second }
}

export function bashCompletion(): string {
  const { first, second } = words()
  const cases = Object.entries(second)
    .map(([a, bs]) => `    ${a}) COMPREPLY=($(compgen -W "${bs.join(' ')}" -- "$cur")) ;;`)
    .join('\n')
  return [
    '# playgate completion for bash: eval "$(playgate completion bash)"',
    '_playgate() {',
    '  local cur="${COMP_WORDS[COMP_CWORD]}"',
    '  if [ "$COMP_CWORD" -eq 1 ]; then',
    `    COMPREPLY=($(compgen -W "${first.join(' ')} --help --version" -- "$cur"))`,
    '  elif [ "$COMP_CWORD" -eq 2 ]; then',
    '    case "${COMP_WORDS[1]}" in',
    cases,
    '    esac',
    '  fi',
    '}',
    'complete -F _playgate playgate',
  ].join('\n')
}

export const completionCommand: Command = {
  help: helpText(
    NAME,
    'bash|zsh',
    {},
    'Prints a completion script. bash: eval "$(playgate completion bash)" in ~/.bashrc;\n' +
      'zsh: eval "$(playgate completion zsh)" in ~/.zshrc (uses bashcompinit).',
  ),
  run(args: readonly string[], io: CliIo): Promise<number> {
    const parsed = parseArgs(args, {}, NAME)
    const [shell] = positionals(parsed, ['SHELL'], NAME)
    if (shell === 'bash') writeLine(io.stdout, bashCompletion())
    else if (shell === 'zsh')
      writeLine(
        io.stdout,
        ['autoload -U +X bashcompinit && bashcompinit', bashCompletion()].join('\n'),
      )
    else throw new UsageError(`no completion for ${JSON.stringify(shell)}; use bash or zsh`, NAME)
    return Promise.resolve(EXIT.ok)
  },
}
