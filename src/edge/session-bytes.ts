// Bytes per viewing session: once a response of a session's request is over, the body bytes it
// sent are added to the session (services/viewer-sessions.ts batches the shared-state adds).
// Nothing runs before the bytes go out but one listener on the response.
import type { ServerResponse } from 'node:http'
import type { Socket } from 'node:net'
import type { SessionRef, ViewerSessions } from '../services/viewer-sessions.ts'
import type { EdgeReply, EdgeRequest } from './exchange.ts'

/** Node keeps the serialized status line and headers here once they are written. */
interface WithHeader {
  readonly _header?: string | null
}

/** Where a response's bytes went, taken before its headers were written. */
interface Connection {
  readonly socket: Socket | null
  readonly bytesBefore: number
}

/**
 * The body bytes a finished or aborted response sent: its Content-Length once it finished (every
 * body the edge serves declares one); otherwise what its connection took beyond the response's
 * headers (an aborted download, a streamed body without a length), at most the declared length.
 */
export function bodyBytesSent(
  raw: ServerResponse,
  declaredLength: unknown,
  finished: boolean,
  connection: Connection,
): number {
  if (raw.statusCode < 200 || raw.statusCode >= 300 || raw.statusCode === 204) return 0
  const declared = Number(declaredLength ?? Number.NaN)
  if (finished && Number.isSafeInteger(declared)) return declared
  if (connection.socket === null) return 0
  const headerBytes = (raw as WithHeader)._header?.length ?? 0
  const body = Math.max(0, connection.socket.bytesWritten - connection.bytesBefore - headerBytes)
  return Number.isSafeInteger(declared) ? Math.min(body, declared) : body
}

/** Adds what this response sends to `session` once it is over (finished or aborted). */
export function countSessionBytes(
  sessions: Pick<ViewerSessions, 'served'>,
  request: EdgeRequest,
  reply: EdgeReply,
  session: SessionRef,
): void {
  if (request.method === 'HEAD') return
  const raw = reply.raw
  // Taken now: a pipelined response has no socket yet (it then counts only if it finishes), and
  // a finished one is detached from its socket before 'close'.
  const socket = raw.socket
  const connection = { socket, bytesBefore: socket?.bytesWritten ?? 0 }
  let finished = false
  // 'finish': the whole response was handed to the connection; 'close' follows it, or an abort.
  raw.once('finish', () => (finished = true))
  raw.once('close', () =>
    // Fastify and the lean reply write headers with writeHead: the reply, not `raw`, knows them.
    sessions.served(
      session,
      bodyBytesSent(raw, reply.getHeader('content-length'), finished, connection),
    ),
  )
}
