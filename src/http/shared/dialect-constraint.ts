// Several vendor APIs live at `/` (their SDKs only let users change the host). A Fastify route
// constraint tells them apart by protocol markers, so each dialect registers its own `/` route
// in its own encapsulated plugin: `constraints: { dialect: 'aliyun' }`.
import type { IncomingMessage } from 'node:http'

export type DialectName = 'aliyun' | 'tencent' | 'dingtalk' | 'polyv'

const ALIYUN_QUERY = /(?:^|[?&])(?:AccessKeyId|Action)=/
const TENCENT_QUERY = /(?:^|[?&])SecretId=/

/** Which vendor's client sent a request to `/`, judged by headers and query names only. */
export function detectDialect(req: IncomingMessage): DialectName | undefined {
  const h = req.headers
  if (
    h['x-tc-action'] !== undefined ||
    (typeof h.authorization === 'string' && h.authorization.startsWith('TC3-'))
  )
    return 'tencent'
  if (h['x-acs-action'] !== undefined) return 'aliyun'
  const url = req.url ?? ''
  const q = url.indexOf('?')
  if (q < 0) return undefined
  const query = url.slice(q)
  if (TENCENT_QUERY.test(query)) return 'tencent'
  if (ALIYUN_QUERY.test(query)) return 'aliyun'
  return undefined
}

/** A Fastify constraint strategy over detectDialect. */
export const DIALECT_CONSTRAINT = {
  name: 'dialect',
  storage() {
    const handlers = new Map<string, unknown>()
    return {
      get: (value: string) => handlers.get(value) ?? null,
      set: (value: string, store: unknown) => void handlers.set(value, store),
    }
  },
  deriveConstraint: (req: IncomingMessage) => detectDialect(req) ?? '',
  mustMatchWhenDerived: false,
  validate(value: unknown) {
    if (typeof value !== 'string') throw new TypeError('dialect constraint must be a string')
  },
}
