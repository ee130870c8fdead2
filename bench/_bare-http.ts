// The floor under the edge's numbers (not a bench: `run.ts` skips `_` files): a bare node:http
// server in a process of its own that answers every request with one file held in memory and the
// response headers the edge sends for it, verifying nothing. What it costs per request is Node's
// own HTTP/1.1 stack, which the edge pays too. BARE_FILE names the file; the URL goes to the
// parent over IPC, and the server stops when the parent says so or goes away.
import { readFileSync, statSync } from 'node:fs'
import { createServer } from 'node:http'
import { contentTypeOf, etagOf, httpDate } from '../src/edge/serve-file.ts'

const path = process.env.BARE_FILE
if (!path) throw new Error('BARE_FILE is not set')
const body = readFileSync(path)
const stat = statSync(path)
// Header values worked out once, as the edge's media cache does per version of a file.
const etag = etagOf(stat)
const lastModified = httpDate(stat.mtimeMs)
const contentType = contentTypeOf(path)
const length = String(body.length)
const prefix =
  'req_' +
  Math.floor(Math.random() * 2 ** 32)
    .toString(16)
    .padStart(8, '0')
let counter = 0

const server = createServer((req, res) => {
  // The same fields, in the same order, in one writeHead, as the edge's lean reply writes them.
  res.writeHead(200, {
    'x-request-id': prefix + (counter++).toString(16).padStart(12, '0'),
    'accept-ranges': 'bytes',
    etag,
    'last-modified': lastModified,
    'cache-control': 'private, max-age=3600',
    'content-type': contentType,
    'content-length': length,
  })
  res.end(req.method === 'HEAD' ? undefined : body)
})
// Fastify's keep-alive timeout (72 s), so the keep-alive header is the edge's too.
server.keepAliveTimeout = 72_000
server.listen(0, '127.0.0.1', () => {
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('no TCP address')
  process.send?.({ url: `http://127.0.0.1:${address.port}` })
})
const stop = () => server.close(() => process.exit(0))
process.on('message', (message) => {
  if (message === 'stop') stop()
})
process.on('disconnect', stop)
