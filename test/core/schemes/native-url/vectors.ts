// Native PlayGate signed-URL vectors [COMPUTED independently with
// `createHmac('sha256', 's3cr3t').update(canonical).digest('base64url')`], pinned so the wire
// format (src/core/schemes/native-url/README.md) cannot drift.

export const NATIVE_KEY = { id: 'key_1', secret: 's3cr3t' } as const
export const NOW = 1700000000
export const EXP = 1700003600

/** Exact mode: path and the other query are signed. */
export const EXACT = {
  target: '/v/abc/index.m3u8?x=1',
  canonical: 'PG-URL-1\nkey_1\n1700003600\n\n\nexact\n/v/abc/index.m3u8\nx=1',
  sig: 'pL22JlE0up43hMXNb7npvUVHI_8L-UHPNi4PGGEEIjU',
  url: '/v/abc/index.m3u8?x=1&pg_kid=key_1&pg_exp=1700003600&pg_sig=pL22JlE0up43hMXNb7npvUVHI_8L-UHPNi4PGGEEIjU',
} as const

/** Prefix mode with not-before and an IPv4 CIDR: the scope replaces path and query. */
export const SCOPED = {
  target: '/v/abc/index.m3u8?x=1',
  options: { pathPrefix: '/v/abc/', clientIp: '192.0.2.0/24', notBefore: 1699999900 },
  canonical: 'PG-URL-1\nkey_1\n1700003600\n1699999900\n192.0.2.0/24\nprefix\n/v/abc/\n',
  sig: 's55HEjRq_PDpb7vuiW8pEy0pRyPoEYWm2L9h5EJSwRY',
  url: '/v/abc/index.m3u8?x=1&pg_kid=key_1&pg_exp=1700003600&pg_nbf=1699999900&pg_scope=/v/abc/&pg_ip=192.0.2.0/24&pg_sig=s55HEjRq_PDpb7vuiW8pEy0pRyPoEYWm2L9h5EJSwRY',
} as const

/** Non-ASCII path: signed in its strictly percent-encoded canonical form. */
export const UNICODE = {
  target: '/视频/a b.mp4',
  canonical: 'PG-URL-1\nkey_1\n1700003600\n\n\nexact\n/%E8%A7%86%E9%A2%91/a%20b.mp4\n',
  sig: 'Dmvza2079Pt7LRVlgEgLNku0740HYT86dhdsHBxqlGs',
  url: '/%E8%A7%86%E9%A2%91/a%20b.mp4?pg_kid=key_1&pg_exp=1700003600&pg_sig=Dmvza2079Pt7LRVlgEgLNku0740HYT86dhdsHBxqlGs',
} as const
