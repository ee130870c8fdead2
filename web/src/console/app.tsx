// The console shell: sign-in gate, navigation, the page for the current address, sign-out.
import { useEffect, useState } from 'preact/hooks'
import { whenUnauthenticated } from '../shared/api.ts'
import { clearToken, readToken } from '../shared/session.ts'
import { HOME, PAGES } from './pages/index.ts'
import { SignIn } from './pages/sign-in.tsx'
import { href, matchPath, navigate, useRoute } from './router.ts'

export function App() {
  const [signedIn, setSignedIn] = useState(() => readToken() !== undefined)
  const [reason, setReason] = useState<string>()
  const route = useRoute()

  useEffect(() => {
    whenUnauthenticated(() => {
      setReason('Your session ended: the admin token was refused. Sign in again.')
      setSignedIn(false)
    })
  }, [])

  if (!signedIn)
    return (
      <SignIn
        reason={reason}
        onSignedIn={() => {
          setReason(undefined)
          setSignedIn(true)
        }}
      />
    )

  if (route.path === '/') {
    navigate(HOME)
    return null
  }
  let page = null
  for (const def of PAGES) {
    const params = matchPath(def.path, route.path)
    if (params) {
      page = <def.component key={route.path} route={route} params={params} />
      break
    }
  }
  const section = '/' + (route.path.split('/')[1] ?? '')

  return (
    <div class="shell">
      <a class="skip" href="#main">
        Skip to content
      </a>
      <header class="top">
        <span class="brand">PlayGate</span>
        <nav aria-label="Console">
          <ul>
            {PAGES.filter((p) => p.nav).map((p) => (
              <li key={p.path}>
                <a href={href(p.path)} aria-current={section === p.path ? 'page' : undefined}>
                  {p.nav}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <button
          type="button"
          class="sign-out"
          onClick={() => {
            clearToken()
            setReason('You are signed out.')
            setSignedIn(false)
          }}
        >
          Sign out
        </button>
      </header>
      <main id="main" tabIndex={-1}>
        {page ?? (
          <section>
            <h1>Not found</h1>
            <p>
              There is no console page at <code>{route.path}</code>.{' '}
              <a href={href(HOME)}>Go to the overview</a>.
            </p>
          </section>
        )}
      </main>
    </div>
  )
}
