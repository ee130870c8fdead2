// Harness for the console's browser tests: web/dist built once, a PlayGate on 127.0.0.1 with the
// bundled media, Debian's Chromium with every off-host request refused, and the page's console
// errors collected (a test fails on any it does not expect).
import assert from 'node:assert/strict'
import { mkdirSync } from 'node:fs'
import { createServer } from 'node:net'
import { fileURLToPath } from 'node:url'
import type { TestContext } from 'node:test'
import { chromium, type Browser, type Page } from 'playwright-core'
import { buildWeb, webIsStale } from '../../scripts/build-web.ts'
import { buildTestApp, TEST_ADMIN_TOKEN, type TestApp } from '../helpers/build-app.ts'

export const CHROMIUM = '/usr/bin/chromium'
/** Git-ignored; docs/images/console holds the ones the README and docs/console.md show. */
export const SCREENSHOTS = fileURLToPath(new URL('../../test-results/console', import.meta.url))
const MEDIA_ROOT = fileURLToPath(new URL('../../media', import.meta.url))

let built: Promise<unknown> | undefined
/**
 * Builds web/dist when older than web/ (`npm ci` built it already in CI): the tests serve what
 * `npm start` would serve. Only this file's process builds, so no two builds race.
 */
export const ensureWebBuilt = () => (built ??= webIsStale() ? buildWeb() : Promise.resolve())

export async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise((resolve) => server.close(resolve))
  return port
}

/** What owns resources: a test's context, or a suite's scope (see suiteScope). */
export type Scope = Pick<TestContext, 'after'>

/** A scope for resources a whole suite shares: its `close` (in the suite's `after`) ends them. */
export function suiteScope(): { scope: Scope; close: () => Promise<void> } {
  const cleanups: (() => unknown)[] = []
  const scope: Scope = {
    after: (fn) => void cleanups.push(() => fn?.({} as TestContext, () => {})),
  }
  return {
    scope,
    close: async () => {
      for (const cleanup of cleanups.reverse()) await cleanup()
    },
  }
}

/** PlayGate listening on 127.0.0.1 (signed URLs point at this same origin). */
export async function startPlayGate(t: Scope): Promise<{ url: string; server: TestApp }> {
  await ensureWebBuilt()
  const port = await freePort()
  const server = await buildTestApp(t, {
    env: {
      PLAYGATE_HTTP_PORT: String(port),
      PLAYGATE_MEDIA_ROOT: MEDIA_ROOT,
      PLAYGATE_LOG_LEVEL: 'warn',
    },
  })
  await server.app.listen({ host: '127.0.0.1', port })
  return { url: `http://127.0.0.1:${port}`, server }
}

export async function launch(): Promise<Browser> {
  mkdirSync(SCREENSHOTS, { recursive: true })
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--autoplay-policy=no-user-gesture-required',
    ],
  })
}

export interface ConsolePage {
  readonly page: Page
  /** Console errors and page errors seen so far (a shared page's test empties it first). */
  readonly errors: string[]
  /** Every URL the page requested. */
  readonly requests: string[]
  readonly shot: (name: string) => Promise<void>
}

/**
 * Generous: a new page or a first playback takes seconds on a loaded 2-core CI machine. Every
 * wait is for a state (an element, a text, `currentTime`), so a longer bound costs nothing when
 * things go well.
 */
const ACTION_TIMEOUT = 60_000

/**
 * A browser context on `base`, refusing anything not on it. Opening one costs a renderer process
 * (seconds under load), so the tests share a console page and a viewer page between them.
 */
export async function openPage(
  t: Scope,
  browser: Browser,
  base: string,
  viewport = { width: 1280, height: 900 },
): Promise<ConsolePage> {
  const context = await browser.newContext({
    viewport,
    permissions: ['clipboard-read', 'clipboard-write'],
  })
  context.setDefaultTimeout(ACTION_TIMEOUT)
  t.after(() => context.close())
  const errors: string[] = []
  const requests: string[] = []
  await context.route('**/*', (route) => {
    const url = route.request().url()
    requests.push(url)
    return url.startsWith(base + '/') ? route.continue() : route.abort()
  })
  const page = await context.newPage()
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`)
  })
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`))
  return {
    page,
    errors,
    requests,
    shot: async (name) => {
      await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true })
    },
  }
}

/** A link of the console's navigation (pages have links with similar names). */
export const menu = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name, exact: true })

/** Signs in from a fresh start, whatever the tab's session held before. */
export async function signIn(page: Page, base: string, token = TEST_ADMIN_TOKEN): Promise<void> {
  await page.goto(`${base}/`)
  await page.evaluate(() => (globalThis as any).sessionStorage.clear())
  await page.reload()
  await page.getByLabel('Admin token').fill(token)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.getByRole('navigation', { name: 'Console' }).waitFor()
}

/** The preview's (or player page's) <video> plays: its currentTime passes `seconds`. */
export async function waitForPlayback(page: Page, seconds = 1): Promise<number> {
  // A function run in the page (the CSP forbids evaluating strings there); this project's test
  // types have no DOM, hence the casts.
  const handle = await page.waitForFunction(
    (after: number) => {
      const video = (globalThis as any).document.querySelector('video')
      return video && video.currentTime > after ? (video.currentTime as number) : false
    },
    seconds,
    { timeout: ACTION_TIMEOUT, polling: 200 },
  )
  const time = (await handle.jsonValue()) as number
  assert.ok(time > seconds)
  return time
}

/** Stops every <video> of the page: decoding costs CPU the next steps need on a loaded machine. */
export async function pauseVideos(page: Page): Promise<void> {
  await page.evaluate(() => {
    for (const video of (globalThis as any).document.querySelectorAll('video')) video.pause()
  })
}

/** Polls `check` (in the test process) until it holds: for states no single locator expresses. */
export async function until(
  what: string,
  check: () => Promise<boolean>,
  timeout = ACTION_TIMEOUT,
): Promise<void> {
  const deadline = Date.now() + timeout
  while (!(await check())) {
    if (Date.now() > deadline) assert.fail(`timed out waiting until ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}
