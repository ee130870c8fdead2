// The dialect contract: what every folder under http/dialects/<vendor>/ provides. mount.ts runs
// every dialect through one pipeline built from these parts; nothing here does I/O itself.
// See docs/decisions/0004-dialect-contract.md for a worked skeleton.
import type { FastifyReply, FastifyRequest, HTTPMethods } from 'fastify'
import type { Config } from '../../config/schema.ts'
import type { QueryPair } from '../../core/encoding/query.ts'
import type { AppError, ErrorCode } from '../../core/errors.ts'
import type { Clock, Crypto } from '../../core/ports.ts'
import type { Services } from '../../services/container.ts'

/** What every step of a dialect may use: the services and ports, never storage. */
export interface DialectContext {
  readonly services: Services
  readonly config: Config
  readonly clock: Clock
  readonly crypto: Crypto
}

/**
 * How a request to `/` is recognised as this dialect's (vendors whose SDKs only let users change
 * the host). When several dialects match, the strongest tier wins: header or Authorization
 * markers, then unique query names, then shared query names; within a tier, registry order.
 */
export interface RootMarkers {
  /** Request headers only this vendor's clients send (`x-acs-action`, `x-tc-action`). */
  readonly headers?: readonly string[]
  /** Authorization value prefixes only this vendor uses (`TC3-`). */
  readonly authorizationPrefixes?: readonly string[]
  /** Query parameter names only this vendor uses (`SecretId`). */
  readonly uniqueQueryNames?: readonly string[]
  /** Query names other vendors send as well (`Action`, `AccessKeyId`): the weakest marker. */
  readonly sharedQueryNames?: readonly string[]
}

/** Where a dialect is reachable. */
export interface DialectMount {
  /** Everything under `/<prefix>/` belongs to the dialect; unknown paths get its own 404. */
  readonly prefix: `/${string}`
  /**
   * RPC dialects: one endpoint at `/` (chosen by markers) and at the prefix root, taking these
   * methods; the action is named inside the request ({@link Dialect.actionName}).
   */
  readonly root?: { readonly markers: RootMarkers; readonly methods: readonly HTTPMethods[] }
  /**
   * REST dialects: path families at `/` (Fastify syntax, e.g. `/v1.0/conference/*`) whose
   * unknown paths answer in this dialect's shape rather than the native one.
   */
  readonly ownedPaths?: readonly string[]
}

/**
 * How the body reaches {@link Dialect.parse}: always as bytes (signatures hash them), and for
 * `json` / `form` also decoded. Bad UTF-8, malformed JSON or escapes, and NUL anywhere in a
 * decoded value are INVALID_PARAMETER (`parameter: 'body'`) before the dialect sees them.
 */
export type BodyKind = 'raw' | 'json' | 'form'

/** A request as the pipeline hands it to parse: nothing in it is trusted yet. */
export interface Inbound {
  readonly request: FastifyRequest
  /** The body bytes as received, after de-chunking (empty when none). */
  readonly bytes: Buffer
  /** `json` dialects: the parsed body, undefined when empty. */
  readonly json?: unknown
  /** `form` dialects: the decoded pairs, in order. */
  readonly form?: readonly QueryPair[]
  /** REST dialects: the matched route's path parameters (`{ userid: '…' }`). */
  readonly pathParams: Readonly<Record<string, string>>
  /** The caller's address: the peer, or the forwarded one from a trusted proxy (edge/client-ip.ts). */
  readonly clientIp: string
}

/** Who a request proved to be. Dialects extend it (the access key, a temporary credential). */
export interface DialectPrincipal {
  readonly tenantId: string
  /**
   * Whose rate budget the request spends, shared by every replica: the tenant when absent;
   * vendors that throttle each app on its own (DingTalk) name the app.
   */
  readonly rateLimitKey?: string
}

/** What authenticate proved, and the nonce the pipeline must spend for it. */
export interface Authenticated<P extends DialectPrincipal> {
  readonly principal: P
  /**
   * The request's nonce, remembered for `windowSeconds` under `<dialect>:<scope>` (scope: the
   * credential, so two keys cannot burn each other's nonces). Absent for schemes without one
   * (bearer tokens, key + secret exchanges).
   */
  readonly nonce?: {
    readonly scope: string
    readonly value: string
    readonly windowSeconds: number
  }
}

/** What an action receives once the request is authenticated, scoped, throttled and fresh. */
export interface ActionContext<R, P extends DialectPrincipal> extends DialectContext {
  readonly request: R
  readonly principal: P
}

/** One operation of a dialect, with its default per-account rate limit. */
export interface DialectAction<R = unknown, P extends DialectPrincipal = DialectPrincipal> {
  /** The vendor's own name (`GetVideoPlayAuth`, `getPlayInfos`); also the config key. */
  readonly name: string
  /**
   * Requests per {@link windowSeconds} per tenant (or {@link DialectPrincipal.rateLimitKey}) by
   * default; `limits.<dialect>.<name>` in the config overrides it.
   */
  readonly limit: number
  /** Default 1: `limit` is then a QPS, as vendors document theirs. */
  readonly windowSeconds?: number
  /** What docs/config.md says after the generated "Per-account requests … for …" text. */
  readonly limitNote?: string
  /** A flat setting from before this contract (`limits.aliyunGetVideoPlayAuthQps`), still read. */
  readonly deprecatedLimitSetting?: DeprecatedLimitSetting
  /** REST dialects: the route of this action (Fastify syntax), under `/` and under the prefix. */
  readonly route?: { readonly method: HTTPMethods; readonly url: string }
  /** Returns the success body; the envelope wraps it. Throws AppError for every refusal. */
  run(ctx: ActionContext<R, P>): Promise<object>
}

/** Flat `limits.*` names that predate per-dialect limits (see config/schema.ts). */
export type DeprecatedLimitSetting = Exclude<keyof Config['limits'], 'passwordAttemptsPerMinute'>

/** The part of a wire error the generated docs show: the HTTP status and the vendor code. */
export interface WireErrorSummary {
  readonly status: number
  readonly code: string | ((e: AppError) => string)
}

/** Each dialect's errors.ts declares its table `satisfies Record<ErrorCode, …>`. */
export type ErrorTable = Readonly<Record<ErrorCode, WireErrorSummary>>

/** Writes a dialect's responses. `parsed` is whatever parse returned, if it got that far. */
export interface Envelope<R> {
  success(
    reply: FastifyReply,
    out: {
      readonly request: FastifyRequest
      readonly parsed: R
      readonly action: string
      readonly body: object
      readonly ctx: DialectContext
    },
  ): FastifyReply
  /**
   * Every failure of the dialect's routes (including body limits and unknown paths), in its
   * shape: status per its table, or HTTP 200 with an error body for vendors that do that.
   */
  error(
    reply: FastifyReply,
    out: {
      readonly request: FastifyRequest
      readonly parsed: R | undefined
      readonly error: AppError
      readonly ctx: DialectContext
    },
  ): FastifyReply
}

/** Browser CORS for a dialect whose requests are signed and carry no cookies: any origin. */
export interface CorsPolicy {
  /** Methods a preflight allows; also its `Allow` header. */
  readonly methods: readonly string[]
  /** Response headers a browser may read (request ids, retry hints). */
  readonly exposeHeaders: readonly string[]
  readonly maxAgeSeconds: number
}

/**
 * A vendor dialect. `R` is the parsed request, `P` the principal. The pipeline (mount.ts) runs:
 * parse → action lookup → authenticate → scope → rate limit → nonce → action → envelope.
 */
export interface Dialect<R = unknown, P extends DialectPrincipal = DialectPrincipal> {
  /** Lower-case, one word: the `/<name>/` prefix, rate-limit and nonce namespace, config key. */
  readonly name: string
  /** As people write it (`Aliyun`): docs columns and log messages. */
  readonly title: string
  readonly mount: DialectMount
  readonly body: BodyKind
  readonly cors?: CorsPolicy
  readonly actions: readonly DialectAction<R, P>[]
  readonly errors: ErrorTable
  readonly envelope: Envelope<R>
  /** Takes the wire apart; throws AppError for what cannot be read. Checks no credential. */
  parse(inbound: Inbound, ctx: DialectContext): R
  /**
   * RPC dialects: the action the request names, after the checks that precede it on this wire
   * (method, API version). The pipeline looks it up; an unknown name is UNSUPPORTED_OPERATION.
   * REST dialects leave it out: the route names the action.
   */
  actionName?(request: R): string
  /** Proves who sent the request: signature, clock window, key status. Spends nothing. */
  authenticate(
    request: R,
    action: DialectAction<R, P>,
    ctx: DialectContext,
  ): Promise<Authenticated<P>>
  /** Refuses a proven principal this action is not for (a temporary key, a wrong scope). */
  scope?(principal: P, action: DialectAction<R, P>): void
}
