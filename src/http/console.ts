// The web console (`/`), the viewer's player page (`/watch`) and their assets (`/console/…`),
// served from web/dist as built by scripts/build-web.ts. Files only: the pages talk to the
// native API like any client. A content security policy allows PlayGate's own origin only.
import { readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'

export const WEB_ROOT = fileURLToPath(new URL('../../web/dist/', import.meta.url))

/**
 * `self` for everything; `blob:` media for hls.js (it plays through a MediaSource object URL).
 * No inline script or style, no other origin: a token in this tab can only go to this server.
 */
export const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "media-src 'self' blob:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ')

const TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  svg: 'image/svg+xml',
}

/** Built file names only (`console.js`, `chunk-AB12CD.js`): nothing else can be asked for. */
const ASSET = /^[A-Za-z0-9_-]+\.(js|css|svg)$/

async function sendFile(
  root: string,
  request: FastifyRequest,
  reply: FastifyReply,
  name: string,
): Promise<FastifyReply> {
  const path = join(root, name)
  const info = await stat(path).catch(() => undefined)
  if (!info) {
    // Not built (a checkout without `npm install`, or web/dist deleted): say how to fix it.
    return reply
      .status(503)
      .type('text/plain; charset=utf-8')
      .header('cache-control', 'no-store')
      .send('The PlayGate console is not built. Run `npm run build:web` (npm install does it).\n')
  }
  const type = TYPES[name.slice(name.lastIndexOf('.') + 1)]!
  // Precompressed by the build; each encoding is its own representation, with its own ETag.
  const gzip = /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''))
  const etag = `"${info.size.toString(36)}-${Math.floor(info.mtimeMs).toString(36)}${gzip ? '-gz' : ''}"`
  void reply
    .header('content-type', type)
    .header('etag', etag)
    .header('cache-control', 'no-cache')
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'no-referrer')
    .header('vary', 'accept-encoding')
  if (type.startsWith('text/html'))
    void reply.header('content-security-policy', CONSOLE_CSP).header('x-frame-options', 'DENY')
  if (request.headers['if-none-match'] === etag) return reply.status(304).send()
  const body = gzip ? await readFile(`${path}.gz`).catch(() => undefined) : undefined
  if (body) return reply.header('content-encoding', 'gzip').send(body)
  return reply.send(await readFile(path))
}

/** Pages and files, not API operations: kept out of the OpenAPI document. */
const hidden = { schema: { hide: true } }

export interface ConsoleOptions {
  /** The built files; web/dist by default (tests pass their own). */
  readonly root?: string
}

export const consolePlugin: FastifyPluginAsync<ConsoleOptions> = (app, options) => {
  const root = options.root ?? WEB_ROOT
  app.get('/', hidden, (request, reply) => sendFile(root, request, reply, 'index.html'))
  app.get('/watch', hidden, (request, reply) => sendFile(root, request, reply, 'watch.html'))
  app.get<{ Params: { name: string } }>('/console/:name', hidden, (request, reply) => {
    const { name } = request.params
    if (!ASSET.test(name)) return reply.callNotFound()
    return sendFile(root, request, reply, name)
  })
  return Promise.resolve()
}
