// The shape limits of an import document (nesting, keys per mapping, values), measured in one
// linear pass over JSON text or a YAML token tree BEFORE anything is built from it, so no input
// can recurse the stack away or cost quadratic time. Also finds duplicate YAML keys with a Set.
import { CST } from 'yaml'

export interface ImportLimits {
  /** Collections nested inside each other; the import format needs 7. */
  readonly maxDepth: number
  /** Keys of one mapping; a video's `settings` is the largest real one. */
  readonly maxKeys: number
  /** Every value, key and collection of the whole document. */
  readonly maxNodes: number
}

export const IMPORT_LIMITS: ImportLimits = { maxDepth: 64, maxKeys: 10_000, maxNodes: 2_000_000 }

/** Something over a limit, or a duplicate key at `offset` (YAML only). */
export interface ShapeProblem {
  readonly message: string
  readonly offset?: number
}

const tooDeep = (limits: ImportLimits) => ({
  message: `nested deeper than ${limits.maxDepth} levels`,
})
const tooManyKeys = (limits: ImportLimits) => ({
  message: `a mapping has more than ${limits.maxKeys} keys`,
})
const tooManyNodes = (limits: ImportLimits) => ({ message: `more than ${limits.maxNodes} values` })

const OPEN_BRACE = 0x7b
const OPEN_BRACKET = 0x5b
const CLOSE_BRACE = 0x7d
const CLOSE_BRACKET = 0x5d
const QUOTE = 0x22
const BACKSLASH = 0x5c
const COLON = 0x3a
const COMMA = 0x2c

const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09
const isStructural = (c: number) =>
  c === OPEN_BRACE ||
  c === OPEN_BRACKET ||
  c === CLOSE_BRACE ||
  c === CLOSE_BRACKET ||
  c === COLON ||
  c === COMMA ||
  c === QUOTE

/**
 * Measures JSON text without building it. Lenient: malformed text is left for JSON.parse to
 * describe; only the shape is judged here.
 */
export function jsonShapeProblem(text: string, limits: ImportLimits): ShapeProblem | undefined {
  // keys[i] counts the keys of the i-th open container; -1 marks an array.
  const keys: number[] = []
  let nodes = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (isSpace(c) || c === COMMA) continue
    if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      if (keys.length >= limits.maxDepth) return tooDeep(limits)
      keys.push(c === OPEN_BRACE ? 0 : -1)
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      keys.pop()
      continue
    } else if (c === COLON) {
      const top = keys.length - 1
      if (top >= 0 && keys[top]! >= 0 && ++keys[top]! > limits.maxKeys) return tooManyKeys(limits)
      continue
    } else if (c === QUOTE) {
      i++
      while (i < text.length && text.charCodeAt(i) !== QUOTE) {
        if (text.charCodeAt(i) === BACKSLASH) i++
        i++
      }
    } else {
      while (i + 1 < text.length) {
        const next = text.charCodeAt(i + 1)
        if (isSpace(next) || isStructural(next)) break
        i++
      }
    }
    if (++nodes > limits.maxNodes) return tooManyNodes(limits)
  }
  return undefined
}

type Item = CST.CollectionItem

/**
 * Measures a YAML token tree (yaml's CST, built without recursion) with an explicit stack, and
 * finds the first duplicate scalar key of any mapping in linear time (yaml's own check compares
 * each key with every earlier one).
 */
export function yamlShapeProblem(
  tokens: readonly CST.Token[],
  limits: ImportLimits,
): ShapeProblem | undefined {
  const stack: Array<{ token: CST.Token; depth: number }> = []
  for (const token of tokens)
    if (token.type === 'document' && token.value) stack.push({ token: token.value, depth: 0 })
  let nodes = 0
  for (let next = stack.pop(); next; next = stack.pop()) {
    const { token, depth } = next
    if (++nodes > limits.maxNodes) return tooManyNodes(limits)
    if (
      token.type !== 'block-map' &&
      token.type !== 'block-seq' &&
      token.type !== 'flow-collection'
    )
      continue
    if (depth >= limits.maxDepth) return tooDeep(limits)
    const isMap =
      token.type === 'block-map' || (token.type === 'flow-collection' && token.start.source === '{')
    if (isMap && token.items.length > limits.maxKeys) return tooManyKeys(limits)
    const seen = isMap ? new Set<string>() : undefined
    for (const item of token.items as readonly Item[]) {
      if (item.key) {
        const duplicate = seen && duplicateKey(item.key, seen)
        if (duplicate) return duplicate
        stack.push({ token: item.key, depth: depth + 1 })
      }
      if (item.value) stack.push({ token: item.value, depth: depth + 1 })
    }
  }
  return undefined
}

function duplicateKey(key: CST.Token, seen: Set<string>): ShapeProblem | undefined {
  if (
    key.type !== 'scalar' &&
    key.type !== 'single-quoted-scalar' &&
    key.type !== 'double-quoted-scalar'
  )
    return undefined
  // A plain `a` and a quoted "a" are the same key once read into an object.
  const resolved = CST.resolveAsScalar(key, false, () => undefined)
  if (!resolved) return undefined
  if (seen.has(resolved.value)) return { message: 'Map keys must be unique', offset: key.offset }
  seen.add(resolved.value)
  return undefined
}
