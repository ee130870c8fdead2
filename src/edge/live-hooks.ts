// Live origins ask PlayGate before a play or a publish over RTMP, SRT, WebRTC…: nginx-rtmp's
// on_play/on_publish (2xx allows), SRS http_hooks (HTTP 200 with body exactly `0` allows) and
// MediaMTX's external HTTP authentication (2xx allows). Anything malformed is refused, never allowed.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { formDecode } from '../core/encoding/percent.ts'
import type { ErrorCode } from '../core/errors.ts'
import type { LiveAction } from '../services/live-auth.ts'
import type { EdgeContext } from './serve-request.ts'
import { EDGE_ROUTE_CONFIG } from './request-log.ts'

export const LIVE_HOOKS_PATH = '/edge/live'
const MAX_BODY_BYTES = 64 * 1024

/** What an origin asked, in its own words, once read. */
interface LiveQuestion {
  readonly host: string | undefined
  readonly appName: string
  readonly streamName: string
  readonly query: string
  readonly action: LiveAction | 'other' | 'refuse'
}

/** Fields nginx-rtmp adds itself; everything else in its body is the client's query. */
const NGINX_FIELDS = new Set([
  'call',
  'addr',
  'clientid',
  'app',
  'flashver',
  'swfurl',
  'tcurl',
  'pageurl',
  'name',
  'type',
  'start',
  'duration',
  'reset',
])

function hostOfUrl(url: string | undefined): string | undefined {
  if (!url) return undefined
  try {
    return new URL(url.replace(/^(rtmp|rtmps|webrtc|srt):/i, 'http:')).hostname || undefined
  } catch {
    return undefined
  }
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : ''
}

function jsonBody(body: unknown): Record<string, unknown> | undefined {
  if (!Buffer.isBuffer(body)) return undefined
  try {
    const parsed: unknown = JSON.parse(body.toString('utf8'))
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined
  } catch {
    return undefined
  }
}

/**
 * nginx-rtmp: a form body `call=play&app=live&name=test&tcurl=…` followed by the client's own
 * arguments (`&txSecret=…&txTime=…`).
 * @see https://github.com/arut/nginx-rtmp-module/wiki/Directives#on_play
 */
export function readNginxRtmp(body: unknown): LiveQuestion | undefined {
  if (!Buffer.isBuffer(body)) return undefined
  const fields = new Map<string, string>()
  const rest: string[] = []
  for (const part of body.toString('latin1').split('&')) {
    if (part === '') continue
    const eq = part.indexOf('=')
    const name = formDecode(eq < 0 ? part : part.slice(0, eq))
    const value = formDecode(eq < 0 ? '' : part.slice(eq + 1))
    if (name === undefined || value === undefined) return undefined
    if (NGINX_FIELDS.has(name)) {
      if (fields.has(name)) return undefined
      fields.set(name, value)
    } else rest.push(part)
  }
  const call = fields.get('call')
  const action =
    call === 'play' ? 'play' : call === 'publish' ? 'publish' : call ? 'other' : undefined
  if (!action) return undefined
  return {
    host: hostOfUrl(fields.get('tcurl')),
    appName: fields.get('app') ?? '',
    streamName: fields.get('name') ?? '',
    query: rest.join('&'),
    action,
  }
}

/**
 * SRS http_hooks: JSON `{action: "on_play", app, stream, param: "?txSecret=…", vhost, tcUrl}`.
 * @see https://ossrs.io/lts/en-us/docs/v5/doc/http-callback
 */
export function readSrs(body: unknown): LiveQuestion | undefined {
  const json = jsonBody(body)
  if (!json) return undefined
  const name = text(json.action)
  if (name === '') return undefined
  const action = name === 'on_play' ? 'play' : name === 'on_publish' ? 'publish' : 'other'
  const vhost = text(json.vhost)
  return {
    host: vhost && vhost !== '__defaultVhost__' ? vhost : hostOfUrl(text(json.tcUrl)),
    appName: text(json.app),
    streamName: text(json.stream),
    query: text(json.param).replace(/^\?/, ''),
    action,
  }
}

/**
 * MediaMTX external HTTP authentication: JSON `{user, password, token, ip, action, path,
 * protocol, id, query}`; `action` is publish, read or playback for streams (api, metrics and
 * pprof are refused: they are not PlayGate's to grant).
 * @see https://github.com/bluenviron/mediamtx#authentication
 */
export function readMediamtx(body: unknown): LiveQuestion | undefined {
  const json = jsonBody(body)
  if (!json) return undefined
  const name = text(json.action)
  const action =
    name === 'publish' ? 'publish' : name === 'read' || name === 'playback' ? 'play' : 'refuse'
  const segments = text(json.path).split('/')
  return {
    host: undefined,
    appName: segments.length === 2 ? segments[0]! : '',
    streamName: segments.length === 2 ? segments[1]! : '',
    query: text(json.query).replace(/^\?/, ''),
    action,
  }
}

interface Dialect {
  readonly name: string
  readonly read: (body: unknown) => LiveQuestion | undefined
  readonly allow: (reply: FastifyReply) => FastifyReply
  readonly refuse: (reply: FastifyReply, code: ErrorCode) => FastifyReply
}

const plainRefusal = (status: number) => (reply: FastifyReply, code: ErrorCode) =>
  reply
    .status(status)
    .header('x-error-code', code)
    .header('content-type', 'text/plain; charset=utf-8')
    .send('Forbidden\n')

const DIALECTS: readonly Dialect[] = [
  {
    name: 'nginx-rtmp',
    read: readNginxRtmp,
    allow: (reply) => reply.status(200).header('content-type', 'text/plain').send('OK\n'),
    refuse: plainRefusal(403),
  },
  {
    name: 'srs',
    read: readSrs,
    // SRS allows only on HTTP 200 with the body exactly `0` (an int); anything else refuses.
    allow: (reply) => reply.status(200).header('content-type', 'text/plain').send('0'),
    refuse: (reply, code) =>
      reply.status(403).header('x-error-code', code).header('content-type', 'text/plain').send('1'),
  },
  {
    name: 'mediamtx',
    read: readMediamtx,
    allow: (reply) => reply.status(200).header('content-type', 'text/plain').send('OK\n'),
    refuse: plainRefusal(401),
  },
]

/** Registers `POST /edge/live/{nginx-rtmp,srs,mediamtx}[/<play domain>]` in an encapsulated scope. */
export async function registerLiveHooks(app: FastifyInstance, context: EdgeContext): Promise<void> {
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers()
    scope.addContentTypeParser(
      '*',
      { parseAs: 'buffer', bodyLimit: MAX_BODY_BYTES },
      (_r, body, done) => done(null, body),
    )
    // A body too large, a broken stream: a refusal in the origin's terms, never an allow.
    scope.setErrorHandler((error, request, reply) => {
      request.log.info({ err: error }, 'live hook refused a malformed request')
      return reply
        .status(403)
        .header('x-error-code', 'INVALID_PARAMETER')
        .header('content-type', 'text/plain')
        .send('1')
    })

    for (const dialect of DIALECTS) {
      const handler = async (request: FastifyRequest, reply: FastifyReply) => {
        const question = dialect.read(request.body)
        if (!question) return dialect.refuse(reply, 'INVALID_PARAMETER')
        if (question.action === 'other') return dialect.allow(reply)
        if (question.action === 'refuse') return dialect.refuse(reply, 'FORBIDDEN')
        const host = (request.params as { host?: string }).host ?? question.host
        if (!host || !question.appName || !question.streamName)
          return dialect.refuse(reply, 'MISSING_PARAMETER')
        const verdict = await context.services.liveAuth.authorize({
          host,
          appName: question.appName,
          streamName: question.streamName,
          query: question.query,
          action: question.action,
        })
        if (verdict.ok) return dialect.allow(reply)
        request.log.info(
          {
            code: verdict.code,
            reason: verdict.reason,
            origin: dialect.name,
            action: question.action,
          },
          'live hook denied',
        )
        return dialect.refuse(reply, verdict.code)
      }
      for (const url of [
        `${LIVE_HOOKS_PATH}/${dialect.name}`,
        `${LIVE_HOOKS_PATH}/${dialect.name}/:host`,
      ])
        scope.route({ method: 'POST', url, config: EDGE_ROUTE_CONFIG as object, handler })
    }
    await Promise.resolve()
  })
}
