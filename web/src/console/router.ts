// Hash routing (`/#/videos/<id>?page=2`): the server serves one page at `/`, so every console
// address is shareable and reloadable without the server knowing the console's paths.
import { useEffect, useState } from 'preact/hooks'

export interface Route {
  readonly path: string
  readonly query: URLSearchParams
}

export function currentRoute(): Route {
  const hash = location.hash.replace(/^#/, '') || '/'
  const at = hash.indexOf('?')
  const path = at < 0 ? hash : hash.slice(0, at)
  return { path: path || '/', query: new URLSearchParams(at < 0 ? '' : hash.slice(at + 1)) }
}

export function useRoute(): Route {
  const [route, setRoute] = useState(currentRoute)
  useEffect(() => {
    const update = () => setRoute(currentRoute())
    addEventListener('hashchange', update)
    return () => removeEventListener('hashchange', update)
  }, [])
  return route
}

/** The href of a console address, with empty query values left out. */
export function href(
  path: string,
  query: Record<string, string | number | undefined> = {},
): string {
  const params = new URLSearchParams()
  for (const [name, value] of Object.entries(query))
    if (value !== undefined && value !== '') params.set(name, String(value))
  const text = params.toString()
  return `#${path}${text ? `?${text}` : ''}`
}

export function navigate(path: string, query?: Record<string, string | number | undefined>): void {
  location.hash = href(path, query)
}

/** Matches `/videos/:id` against `/videos/abc`: the params, or undefined. */
export function matchPath(pattern: string, path: string): Record<string, string> | undefined {
  const want = pattern.split('/')
  const got = path.split('/')
  if (want.length !== got.length) return undefined
  const params: Record<string, string> = {}
  for (let i = 0; i < want.length; i++) {
    const part = want[i]!
    if (part.startsWith(':')) params[part.slice(1)] = decodeURIComponent(got[i]!)
    else if (part !== got[i]) return undefined
  }
  return params
}
