// The help text of one command: usage line, what it does, its options and the common ones.
import { COMMON_OPTIONS, type OptionSpecs } from '../options.ts'

export function helpText(
  name: string,
  operands: string,
  options: OptionSpecs,
  description: string,
): string {
  const all = { ...options, ...COMMON_OPTIONS }
  const flags = Object.entries(all).map(([flag, spec]) => [
    `--${flag}${spec.value ? ` ${spec.value}` : ''}`,
    spec.help,
  ])
  const width = Math.max(...flags.map(([f]) => f!.length))
  return [
    `usage: playgate ${name}${operands ? ` ${operands}` : ''} [options]`,
    '',
    description,
    '',
    'options:',
    ...flags.map(([f, h]) => `  ${f!.padEnd(width)}  ${h}`),
    '',
    'Any setting of docs/config.md is also a flag, e.g. --data-dir ./data or --database.url URL.',
  ].join('\n')
}
