// The console's only way to the server: the native REST API under /v1 with the admin token from
// the tab's session. Errors come back as ApiError with the API's own code, message and field.
import type { ErrorBody, PageOf } from '../../../src/http/native/schemas.ts'
import { clearToken, readToken } from './session.ts'

export type ErrorCode = ErrorBody['error']['code']

export class ApiError extends Error {
  override readonly name = 'ApiError'
  readonly status: number
  readonly code: ErrorCode | 'NETWORK'
  /** The offending field as the API names it (`title`, `tags.2`), when it does. */
  readonly parameter: string | undefined
  readonly requestId: string | undefined

  constructor(status: number, body: Partial<ErrorBody['error']>, fallback: string) {
    super(body.message ?? fallback)
    this.status = status
    this.code = body.code ?? 'NETWORK'
    this.parameter = body.parameter
    this.requestId = body.requestId
  }
}

/** Called when the API answers 401: the token is wrong or revoked, so the session ends. */
let onUnauthenticated: () => void = () => undefined
export function whenUnauthenticated(callback: () => void): void {
  onUnauthenticated = callback
}

export type Query = Record<string, string | number | boolean | undefined>

export function withQuery(path: string, query: Query = {}): string {
  const params = new URLSearchParams()
  for (const [name, value] of Object.entries(query))
    if (value !== undefined && value !== '') params.set(name, String(value))
  const text = params.toString()
  return text ? `${path}?${text}` : path
}

/** One API call with an explicit token (sign-in checks a token before keeping it). */
export async function call<T>(
  method: string,
  path: string,
  options: { body?: unknown; token?: string } = {},
): Promise<T> {
  const token = options.token ?? readToken()
  const headers: Record<string, string> = { accept: 'application/json' }
  if (token) headers.authorization = `Bearer ${token}`
  if (options.body !== undefined) headers['content-type'] = 'application/json'
  let response: Response
  try {
    response = await fetch(`/v1${path}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      cache: 'no-store',
      credentials: 'omit',
    })
  } catch {
    throw new ApiError(0, {}, 'PlayGate did not answer: is the server running?')
  }
  if (response.status === 204) return undefined as T
  const text = await response.text()
  let json: unknown
  try {
    json = text ? JSON.parse(text) : undefined
  } catch {
    json = undefined
  }
  if (!response.ok) {
    const error = new ApiError(
      response.status,
      (json as Partial<ErrorBody> | undefined)?.error ?? {},
      `HTTP ${response.status}`,
    )
    // Any 401 (UNAUTHENTICATED, TOKEN_INVALID, …) means this tab's token no longer works.
    if (error.status === 401 && options.token === undefined) {
      clearToken()
      onUnauthenticated()
    }
    throw error
  }
  return json as T
}

export const api = {
  get: <T>(path: string, query?: Query) => call<T>('GET', withQuery(path, query)),
  list: <T>(path: string, query?: Query) => call<PageOf<T>>('GET', withQuery(path, query)),
  post: <T>(path: string, body?: unknown) => call<T>('POST', path, { body: body ?? {} }),
  put: <T>(path: string, body: unknown) => call<T>('PUT', path, { body }),
  patch: <T>(path: string, body: unknown) => call<T>('PATCH', path, { body }),
  delete: (path: string) => call<void>('DELETE', path),
}

/** Path segment from an id (ids are restricted by the API, but never trust a value in a URL). */
export const seg = (id: string) => encodeURIComponent(id)
