// What of a request may reach a log: the path and the query with every credential-like value
// masked (signatures, tokens, secrets, passwords, auth keys), and no credential headers.

const SENSITIVE_PARAM = /sign|secret|token|auth|pass|key|sig|credential|md5/i

/** Path-form URL signatures: type B `/YYYYMMDDHHMM/<md5>/…` and type C `/<md5>/<hex time>/…`. */
const PATH_MAC = /(\/\d{12})\/[0-9a-fA-F]{32}(?=\/)|\/[0-9a-fA-F]{32}(?=\/[0-9a-fA-F]{8,16}\/)/g

// Both log lines of a request (incoming, completed) redact the same target: the last is kept.
let lastUrl: string | undefined
let lastRedacted = ''

export function redactTarget(url: string): string {
  if (url !== lastUrl) {
    lastRedacted = redact(url)
    lastUrl = url
  }
  return lastRedacted
}

function redact(url: string): string {
  const q = url.indexOf('?')
  const path = (q < 0 ? url : url.slice(0, q)).replace(
    PATH_MAC,
    (_m, time?: string) => `${time ?? ''}/***`,
  )
  if (q < 0) return path
  const query = url
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=')
      const name = eq < 0 ? pair : pair.slice(0, eq)
      return eq >= 0 && SENSITIVE_PARAM.test(name) ? `${name}=***` : pair
    })
    .join('&')
  return `${path}?${query}`
}

/** pino paths masked wherever they appear (headers are not logged at all by our serializers). */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-acs-security-token"]',
  'req.headers["x-tc-token"]',
  'headers.authorization',
  'secret',
  'password',
  'token',
]
