// Every setting, its default and its description, as one TypeBox schema. Env names derive from the
// path mechanically (http.port ↔ PLAYGATE_HTTP_PORT), and docs/config.md is rendered from here.
import { Type, type Static } from '@sinclair/typebox'

const Port = (def: number, description: string) =>
  Type.Integer({ minimum: 0, maximum: 65535, default: def, description })

/** `limits.<dialect>`: requests per action window, by the vendor's action name. */
const ActionLimits = Type.Record(Type.String(), Type.Integer({ minimum: 1 }))

const deprecatedLimit = (dialect: string, action: string) =>
  Type.Optional(
    Type.Integer({
      minimum: 1,
      description: `Deprecated: use limits.${dialect}.${action} (which wins when both are set).`,
    }),
  )

export const ConfigSchema = Type.Object({
  http: Type.Object({
    host: Type.String({ default: '127.0.0.1', description: 'Address the API listens on.' }),
    port: Port(8080, 'Port of the API (and of the edge unless edge.port is set).'),
    publicUrl: Type.String({
      default: '',
      description:
        'Base URL clients reach PlayGate at (used in issued playback URLs); derived from host and port when empty.',
    }),
    bodyLimitBytes: Type.Integer({
      minimum: 1024,
      default: 1048576,
      description: 'Largest request body accepted, in bytes.',
    }),
    trustProxy: Type.Boolean({
      default: false,
      description: 'Trust X-Forwarded-* headers from a reverse proxy.',
    }),
  }),
  edge: Type.Object({
    port: Port(0, 'Own port for the media edge; 0 serves it on the API listener.'),
    host: Type.String({
      default: '127.0.0.1',
      description: 'Address the edge listens on when it has its own port.',
    }),
    skewSeconds: Type.Integer({
      minimum: 0,
      maximum: 3600,
      default: 30,
      description: 'Clock skew allowed when verifying signed URLs.',
    }),
    corsOrigins: Type.String({
      default: '*',
      description: 'Default allowed CORS origins (comma-separated) for domains that set none.',
    }),
    trustedProxies: Type.String({
      default: '',
      description:
        'Proxies (comma-separated IPs or CIDRs) whose X-Forwarded-For the edge believes for viewer rules and sessions; empty: the socket address only.',
    }),
    logRequests: Type.Boolean({
      default: false,
      description:
        'Log every edge request (its completed line at info; the incoming line at debug). Off: only refused and failed ones, each with its method and masked target.',
    }),
  }),
  data: Type.Object({
    dir: Type.String({
      default: './data',
      description: 'Data directory: SQLite database, master key, media root defaults.',
    }),
  }),
  media: Type.Object({
    root: Type.String({
      default: '',
      description: 'Media root that streams point into; <data.dir>/media when empty.',
    }),
  }),
  database: Type.Object({
    url: Type.String({
      default: '',
      // Checked here, so another kind of URL is a configuration problem, not a failure later.
      pattern: '^(|postgres(ql)?://.*|sqlite:.*)$',
      allowed:
        'must be empty (SQLite in the data dir), postgres://… (or postgresql://…) or sqlite:<path>',
      description:
        'postgres://… for PostgreSQL, or sqlite:<path>; <data.dir>/playgate.db (SQLite) when empty.',
    }),
  }),
  redis: Type.Object({
    url: Type.String({
      default: '',
      pattern: '^(|rediss?://.*)$',
      allowed: 'must be empty (in-process shared state), redis://… or rediss://…',
      description: 'redis://… for shared state across replicas; in-process when empty.',
    }),
  }),
  secrets: Type.Object({
    masterKey: Type.String({
      default: '',
      description:
        'Master key for secrets at rest: 64 hex characters or base64 of 32 bytes. Prefer masterKeyFile.',
    }),
    masterKeyFile: Type.String({
      default: '',
      description:
        'File holding the master key; <data.dir>/master.key, generated on first start, when both are empty.',
    }),
    previousMasterKey: Type.String({
      default: '',
      description:
        'During a master-key rotation only: the old master key, which still opens secrets not yet re-sealed (`playgate master-key rotate`).',
    }),
  }),
  admin: Type.Object({
    token: Type.String({
      default: '',
      description:
        'Admin API token to register at start (for automation); generated and printed once when no admin token exists.',
    }),
  }),
  audit: Type.Object({
    durability: Type.Union([Type.Literal('strict'), Type.Literal('batched')], {
      default: 'strict',
      description:
        'strict: a credential is handed out only once its audit event is committed (concurrent events share a commit); batched: events are written every 50 ms, and a crash loses those of the last 50 ms (docs/security.md).',
    }),
  }),
  demo: Type.Object({
    enabled: Type.Boolean({
      default: true,
      description: 'Create the demo tenant and video on first start.',
    }),
  }),
  log: Type.Object({
    level: Type.Union(
      [
        Type.Literal('fatal'),
        Type.Literal('error'),
        Type.Literal('warn'),
        Type.Literal('info'),
        Type.Literal('debug'),
        Type.Literal('trace'),
        Type.Literal('silent'),
      ],
      { default: 'info', description: 'Log level.' },
    ),
  }),
  // Per-action limits of the vendor dialects live under limits.<dialect>.<Action> (an open record
  // here: config imports only core, so the dialect registry validates the names at start-up).
  limits: Type.Object(
    {
      passwordAttemptsPerMinute: Type.Integer({
        minimum: 1,
        default: 10,
        description: 'Play-password attempts allowed per video and client per minute.',
      }),
      aliyunGetVideoPlayAuthQps: deprecatedLimit('aliyun', 'GetVideoPlayAuth'),
      aliyunGetPlayInfoQps: deprecatedLimit('aliyun', 'GetPlayInfo'),
      aliyunGetVideoInfoQps: deprecatedLimit('aliyun', 'GetVideoInfo'),
    },
    { additionalProperties: ActionLimits },
  ),
  polyv: Type.Object({
    mirrorCodeAsHttpStatus: Type.Boolean({
      default: false,
      description:
        "Answer Polyv API errors with the body code as the HTTP status (Polyv's own status is unconfirmed; 200 is safe for its SDK).",
    }),
    ipLimitPer10Seconds: Type.Integer({
      minimum: 1,
      default: 1500,
      description: 'Polyv API requests per client IP per 10 seconds before the IP is blocked.',
    }),
    ipBlockSeconds: Type.Integer({
      minimum: 1,
      default: 300,
      description: 'How long a client IP over the Polyv limit is blocked, in seconds.',
    }),
  }),
  passwords: Type.Object({
    unlockTtlSeconds: Type.Integer({
      minimum: 10,
      maximum: 86400,
      default: 600,
      description:
        'How long the play credential a viewer gets for a right play password stays valid, in seconds.',
    }),
    failuresBeforeBackoff: Type.Integer({
      minimum: 1,
      default: 5,
      description:
        'Wrong play passwords a client may give for one video before each further one blocks it (1 s, then doubling).',
    }),
    maxBackoffSeconds: Type.Integer({
      minimum: 1,
      default: 900,
      description: 'Longest block after repeated wrong play passwords, in seconds.',
    }),
    attemptsPerClientPerMinute: Type.Integer({
      minimum: 1,
      default: 30,
      description:
        'Play-password attempts one client may make per minute across all videos (the unlock route is open to anyone).',
    }),
    failuresPerVideoPerMinute: Type.Integer({
      minimum: 1,
      default: 100,
      description:
        'Wrong play passwords per video per minute from all clients together before the video refuses attempts for the rest of that minute.',
    }),
  }),
  shutdown: Type.Object({
    graceSeconds: Type.Integer({
      minimum: 0,
      default: 10,
      description: 'How long in-flight requests may finish after SIGTERM.',
    }),
  }),
})

export type Config = Static<typeof ConfigSchema>

/** The `limits.<dialect>` overrides as given (action name → limit); {} when none. */
export function actionLimitOverrides(
  config: Config,
  dialect: string,
): Readonly<Record<string, number>> {
  const value = (config.limits as Readonly<Record<string, unknown>>)[dialect]
  return typeof value === 'object' && value !== null ? (value as Record<string, number>) : {}
}

/** Dialect names given under `limits` (everything that is not a fixed setting). */
export function actionLimitDialects(config: Config): string[] {
  const fixed = new Set(Object.keys(ConfigSchema.properties.limits.properties))
  return Object.keys(config.limits).filter((name) => !fixed.has(name))
}
