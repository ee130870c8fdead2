// nginx secure_link vectors from /work/shared/protocols/url-signing.md §6.1 [VERIFIED, nginx doc]
// and PlayGate's default expression [COMPUTED here, pinned for regression].

/** §6.1: `secure_link_md5 "$secure_link_expires$uri$remote_addr secret";`, client 127.0.0.1. */
export const DOC_VECTOR = {
  expression: '$secure_link_expires$uri$remote_addr $secret',
  secret: 'secret',
  evaluated: '2147483647/s/link127.0.0.1 secret',
  hash: '_e4Nc3iduzkWRm01TBBNYw',
  expires: 2147483647,
  clientIp: '127.0.0.1',
  url: '/s/link?md5=_e4Nc3iduzkWRm01TBBNYw&expires=2147483647',
} as const

/**
 * [COMPUTED] PlayGate's shipped expression `$secure_link_expires$uri <key>`:
 * `echo -n '1700003600/v/abc/index.m3u8 s3cr3t' | openssl md5 -binary | openssl base64 | tr +/ -_ | tr -d =`
 */
export const DEFAULT_VECTOR = {
  secret: 's3cr3t',
  evaluated: '1700003600/v/abc/index.m3u8 s3cr3t',
  hash: 'O2RbQx1m0iKIhmLEoOXQkQ',
  expires: 1700003600,
  url: '/v/abc/index.m3u8?md5=O2RbQx1m0iKIhmLEoOXQkQ&expires=1700003600',
} as const
