// The admin token lives in this tab's sessionStorage only: never in a URL, a cookie, localStorage
// or a log, and gone when the tab closes or the user signs out.
const KEY = 'playgate.adminToken'

export function readToken(): string | undefined {
  try {
    return sessionStorage.getItem(KEY) ?? undefined
  } catch {
    return undefined
  }
}

export function keepToken(token: string): void {
  sessionStorage.setItem(KEY, token)
}

export function clearToken(): void {
  try {
    sessionStorage.removeItem(KEY)
  } catch {
    // Storage disabled: nothing was kept.
  }
}
