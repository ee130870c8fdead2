// A Polyv API client written from the spec's rules alone (polyv.md §1, §2, §8; there is no npm
// SDK), with its own SHA-1 / MD5 code, so it checks the server rather than reusing it. Three
// styles: the Java SDK (requestId signed, no userId, an empty password sent but not signed), the
// doc samples (userId sent and signed) and a legacy SDK call (a userid signed but not sent).
import { createHash, randomUUID } from 'node:crypto'

export type ClientStyle = 'sdk' | 'doc' | 'legacy'

const sorted = (params: Record<string, string>) =>
  Object.keys(params)
    .filter((k) => k !== 'sign' && params[k] !== '')
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))

/** §1.1: sorted non-empty `k=v&…` + secret, upper-case hex SHA-1. */
export function clientSignV2(params: Record<string, string>, secret: string): string {
  const plain = sorted(params)
    .map((k) => `${k}=${params[k]}`)
    .join('&')
  return createHash('sha1')
    .update(plain + secret, 'utf8')
    .digest('hex')
    .toUpperCase()
}

/** §8.1: secret + sorted `kv…` + secret, upper-case hex MD5. */
export function clientSignMd5(params: Record<string, string>, secret: string): string {
  const plain = sorted(params)
    .map((k) => k + params[k])
    .join('')
  return createHash('md5')
    .update(secret + plain + secret, 'utf8')
    .digest('hex')
    .toUpperCase()
}

/** §8.3: the mobile H5 player's `md5(secretkey + vid + ts)`, lower-case hex. */
export function clientSignMobile(secret: string, vid: string, ts: string): string {
  return createHash('md5')
    .update(secret + vid + ts, 'utf8')
    .digest('hex')
}

/** §8.4: the callback answer's `md5("vid=…&secretkey=…&username=…&code=…&status=…&t=…")`, lower case. */
export function clientSignCallback(
  secret: string,
  answer: { vid: string; username: string; code: string; status: number; t: string },
): string {
  const { vid, username, code, status, t } = answer
  return createHash('md5')
    .update(
      `vid=${vid}&secretkey=${secret}&username=${username}&code=${code}&status=${status}&t=${t}`,
      'utf8',
    )
    .digest('hex')
}

/** The parameters a client of `style` sends for `business` (sign included). */
export function signedParams(
  style: ClientStyle,
  business: Record<string, string>,
  account: { userid: string; secret: string; ptime: number },
): Record<string, string> {
  const ptime = String(account.ptime)
  if (style === 'sdk') {
    const sent = { ...business, ptime, requestId: randomUUID().replaceAll('-', '') }
    return { ...sent, sign: clientSignV2(sent, account.secret) }
  }
  if (style === 'doc') {
    const sent = { ...business, userId: account.userid, ptime }
    return { ...sent, sign: clientSignV2(sent, account.secret) }
  }
  const sent = { ...business, ptime }
  return { ...sent, sign: clientSignV2({ ...sent, userid: account.userid }, account.secret) }
}

/** `application/x-www-form-urlencoded` as Java's URLEncoder writes it. */
export function form(params: Record<string, string>): string {
  return new URLSearchParams(params).toString()
}
