// What of a request may reach a log: the path and the query with every credential-like value
// masked (signatures, tokens, secrets, passwords, auth keys), and no credential headers.

const SENSITIVE_PARAM = /sign|secret|token|auth|pass|key|sig|credential|txsecret/i

export function redactTarget(url: string): string {
  const q = url.indexOf('?')
  if (q < 0) return url
  const query = url
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=')
      const name = eq < 0 ? pair : pair.slice(0, eq)
      return eq >= 0 && SENSITIVE_PARAM.test(name) ? `${name}=***` : pair
    })
    .join('&')
  return `${url.slice(0, q)}?${query}`
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
