// Answers for requests Node's parser refuses before any route sees them (oversized headers, bad
// syntax, timeouts): Fastify's answers, except that a HEAD never gets a body (a body there would
// be read by the client as the start of the next response).
import { STATUS_CODES } from 'node:http'
import type { Socket } from 'node:net'

const ANSWERS: Record<string, { status: number; message: string }> = {
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, message: 'Client Timeout' },
  HPE_HEADER_OVERFLOW: { status: 431, message: 'Exceeded maximum allowed HTTP header size' },
}

export function answerClientError(
  error: Error & { code?: string; rawPacket?: unknown },
  socket: Socket,
): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return
  const { status, message } = ANSWERS[error.code ?? ''] ?? { status: 400, message: 'Client Error' }
  const label = STATUS_CODES[status] ?? 'Error'
  const body = JSON.stringify({ error: label, message, statusCode: status })
  const raw = error.rawPacket
  const head = Buffer.isBuffer(raw) && raw.subarray(0, 5).toString('latin1') === 'HEAD '
  if (socket.writable)
    socket.write(
      `HTTP/1.1 ${status} ${label}\r\nContent-Length: ${body.length}\r\n` +
        `Content-Type: application/json\r\nConnection: close\r\n\r\n${head ? '' : body}`,
    )
  socket.destroy()
}
