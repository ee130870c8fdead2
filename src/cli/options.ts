// Option specs: what a command's options look like, and the ones every command takes. Kept apart
// from args.ts so help and the command table load without the configuration schema.

export interface OptionSpec {
  readonly type: 'string' | 'boolean'
  readonly help: string
  /** The placeholder shown in help (`--tenant ID`). */
  readonly value?: string
}

export type OptionSpecs = Readonly<Record<string, OptionSpec>>

/** Options every command takes. */
export const COMMON_OPTIONS: OptionSpecs = {
  json: { type: 'boolean', help: 'print JSON instead of a table' },
  config: { type: 'string', value: 'FILE', help: 'read settings from a YAML or JSON config file' },
  help: { type: 'boolean', help: 'show this help' },
}
