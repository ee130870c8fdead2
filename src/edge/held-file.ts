// The 200 answer for a file whose bytes the media cache holds, as the general path writes it
// (serve-file.ts through LeanReply: the same fields, in the same order) but in one writeHead
// with a field list worked out once per version of the file: only the request id, CORS and
// Cache-Control differ from one request to the next.
import type { ServerResponse } from 'node:http'
import type { LeanRequest } from './exchange.ts'
import type { MediaFile } from './media-cache.ts'

const REQUEST_ID = 1
const CACHE_CONTROL = 9

const fieldLists = new WeakMap<MediaFile, readonly string[]>()

function fieldsOf(file: MediaFile): readonly string[] {
  let fields = fieldLists.get(file)
  if (!fields) {
    const { etag, lastModified, contentType } = file.headers
    fields = [
      'x-request-id', '',
      'accept-ranges', 'bytes',
      'etag', etag,
      'last-modified', lastModified,
      'cache-control', '',
      'content-type', contentType,
      'content-length', String(file.size),
    ] // prettier-ignore
    fieldLists.set(file, fields)
  }
  return fields
}

/**
 * Writes the whole of a held file (`file.body`), or its fields alone for HEAD; `cors` are the
 * CORS fields (cors.ts), which follow the request id as applyCors puts them.
 */
export function sendHeldFile(
  res: ServerResponse,
  request: LeanRequest,
  file: MediaFile,
  cacheControl: string,
  cors: readonly string[],
): void {
  const fields = fieldsOf(file).slice()
  fields[REQUEST_ID] = request.id
  fields[CACHE_CONTROL] = cacheControl
  if (cors.length > 0) fields.splice(REQUEST_ID + 1, 0, ...cors)
  res.writeHead(200, fields)
  if (request.method === 'HEAD' || file.size === 0) res.end()
  else res.end(file.body)
}
