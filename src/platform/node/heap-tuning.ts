// V8's garbage collector tuned for a long-running server (`playgate serve`). Its defaults suit
// short scripts and browser tabs, and under thousands of requests a second they cost memory for
// nothing (bench/scale.ts, at 5–9k GetVideoPlayAuth/s):
// - allocation-site pretenuring sees a request's objects alive at a scavenge (they are: the
//   request is in flight) and from then on allocates them straight into the old generation, where
//   they die unseen until a full GC and keep the young objects they point to alive;
// - the old generation may grow to up to four times what survived the last full GC before the
//   next one, so its size follows the request rate rather than what is live.
// With pretenuring off and that growth bounded, the server's peak RSS fell from 362–379 to 229–231
// MB for the same or less CPU per request (docs/performance.md). Node keeps V8's flags writable
// for `v8.setFlagsFromString`, and V8 reads these two at every GC, so setting them as the server
// starts takes effect.
import { setFlagsFromString } from 'node:v8'

/** What `serve` sets, unless the operator set the same V8 setting. */
const SERVING_FLAGS: readonly string[] = [
  '--no-allocation-site-pretenuring',
  // The next full GC when the old generation has grown by half of what the last one left live.
  '--heap-growing-percent=50',
]

/** A V8 flag's setting name: `--no-foo_bar=1` → `foo-bar`. */
export function flagName(flag: string): string {
  const bare = flag.replace(/^--?/, '').split('=')[0]!.replaceAll('_', '-')
  return bare.startsWith('no-') ? bare.slice(3) : bare
}

/** The serving flags whose settings the operator did not choose (in `node …` or NODE_OPTIONS). */
export function servingHeapFlags(operatorFlags: readonly string[]): readonly string[] {
  const chosen = new Set(operatorFlags.filter((flag) => flag.startsWith('-')).map(flagName))
  return SERVING_FLAGS.filter((flag) => !chosen.has(flagName(flag)))
}

/**
 * Applies the serving flags the operator left alone, given NODE_OPTIONS (the caller reads the
 * environment); returns those it applied.
 */
export function tuneHeapForServing(nodeOptions = ''): readonly string[] {
  const operatorFlags = [...process.execArgv, ...nodeOptions.split(/\s+/)]
  const flags = servingHeapFlags(operatorFlags)
  for (const flag of flags) setFlagsFromString(flag)
  return flags
}
