// What every use case is built from: passed in explicitly by the composition roots (main.ts,
// cli/main.ts, test helpers), never decorated onto a framework instance.
import type { MediaProbe } from '../core/media.ts'
import type { Clock, Crypto } from '../core/ports.ts'
import type { SecretBox } from '../core/secret-box.ts'
import type { SharedState } from '../core/shared-state.ts'
import type { Config } from '../config/schema.ts'
import type { Db } from '../storage/db.ts'

export interface ServiceDeps {
  readonly db: Db
  readonly box: SecretBox
  readonly crypto: Crypto
  readonly clock: Clock
  readonly state: SharedState
  readonly config: Config
  /** Absolute path of the media root. */
  readonly mediaRoot: string
  readonly mediaProbe: MediaProbe
  /** Resolves a path relative to the media root, refusing escapes; returns the absolute path. */
  readonly resolveMedia: (relative: string) => Promise<string>
}
