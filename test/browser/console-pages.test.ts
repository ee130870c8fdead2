// The console's quality bar in Debian's Chromium (issue 11, item 6): a keyboard-only walk through
// sign-in, the navigation, a create form and a dialog with the focus always visible; every page
// at 1280 and 390 px wide with every control named for assistive technology, nothing wider than
// the screen, no console error, and a screenshot of each; and the content security policy
// enforced by the browser (only PlayGate's own origin). One PlayGate and one browser for all.
import assert from 'node:assert/strict'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import type { Browser, Page } from 'playwright-core'
import { loadConfig } from '../../src/config/load.ts'
import { CONSOLE_CSP } from '../../src/http/console.ts'
import { ADMIN_TOKEN_FILE, startServer } from '../../src/main.ts'
import { DEMO, seedDemo } from '../../src/services/demo.ts'
import { TEST_ADMIN_TOKEN, type TestApp } from '../helpers/build-app.ts'
import {
  CHROMIUM,
  freePort,
  launch,
  menu,
  openPage,
  pauseVideos,
  signIn,
  startPlayGate,
  suiteScope,
  until,
  waitForPlayback,
} from './console-harness.ts'

const skip = existsSync(CHROMIUM) ? false : `${CHROMIUM} is not installed`
const each = { timeout: 240_000 }

/** Roles a user operates; each needs an accessible name. */
const CONTROL =
  /^\s*- (textbox|searchbox|combobox|listbox|checkbox|radio|switch|slider|spinbutton|button|link)\b(.*)$/

/** Controls without an accessible name, from the page's accessibility tree. */
export async function unnamedControls(page: Page): Promise<string[]> {
  const tree = await page.locator('body').ariaSnapshot()
  return tree
    .split('\n')
    .filter((line) => {
      const control = CONTROL.exec(line)
      // A name is a quoted string (or a /pattern/) right after the role.
      return control !== null && !/^ ["/]/.test(control[2]!)
    })
    .map((line) => line.trim())
}

/** What the focused element is (its name, else its id), and whether a focus ring shows around it on screen. */
async function focused(page: Page): Promise<{ text: string; ring: boolean; dialog: boolean }> {
  return page.evaluate(() => {
    const doc = (globalThis as any).document
    const el = doc.activeElement
    const style = (globalThis as any).getComputedStyle(el)
    const box = el.getBoundingClientRect()
    const onScreen =
      box.width > 0 &&
      box.height > 0 &&
      box.bottom > 0 &&
      box.right > 0 &&
      box.left < (globalThis as any).innerWidth
    return {
      text: String(el.getAttribute('aria-label') || el.textContent.trim() || el.id),
      ring:
        el !== doc.body &&
        onScreen &&
        style.outlineStyle !== 'none' &&
        parseFloat(style.outlineWidth) >= 2,
      dialog: el.closest('dialog[open]') !== null,
    }
  })
}

/** Waits until `name` has the focus (focus moves in effects, after a render); what focused says. */
async function focusOn(page: Page, name: string): Promise<Awaited<ReturnType<typeof focused>>> {
  await until(`"${name}" has the focus`, async () => (await focused(page)).text === name)
  return focused(page)
}

/** Tabs (forward, or back with shift) until `name` has the focus, each stop showing its ring. */
async function tabTo(page: Page, name: string | RegExp, back = false): Promise<void> {
  const stops: string[] = []
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab')
    const now = await focused(page)
    stops.push(now.text)
    assert.ok(now.ring, `no visible focus on "${now.text}"`)
    if (typeof name === 'string' ? now.text === name : name.test(now.text)) return
  }
  assert.fail(`never reached "${String(name)}"; stopped at ${stops.join(' | ')}`)
}

/** Every console page: its name in the screenshots, its address, what shows once it has loaded. */
const PAGES: readonly (readonly [string, string, (page: Page) => Promise<unknown>])[] = [
  ['overview', '/overview', (p) => p.locator('figure.chart canvas').first().waitFor()],
  ['tenants', '/tenants', (p) => p.getByRole('cell', { name: DEMO.tenantId }).waitFor()],
  [
    'tenant',
    `/tenants/${DEMO.tenantId}`,
    (p) => p.getByRole('cell', { name: 'tour key', exact: true }).waitFor(),
  ],
  ['videos', '/videos', (p) => p.getByRole('link', { name: DEMO.title }).waitFor()],
  [
    'video',
    `/videos/${DEMO.videoId}`,
    (p) => p.getByRole('cell', { name: DEMO.mp4, exact: true }).waitFor(),
  ],
  ['play-domains', '/play-domains', (p) => p.getByRole('link', { name: DEMO.host }).waitFor()],
  ['live-streams', '/live-streams', (p) => p.getByRole('link', { name: 'live/launch' }).waitFor()],
  [
    'dingtalk',
    `/dingtalk?tenantId=${DEMO.tenantId}`,
    (p) => p.getByRole('cell', { name: 'Hana Host' }).waitFor(),
  ],
  [
    'dingtalk-conference',
    `/dingtalk/${DEMO.tenantId}/conferences/conf_tour`,
    (p) => p.getByRole('link', { name: /2 paragraphs/ }).waitFor(),
  ],
  [
    'dingtalk-transcript',
    `/dingtalk/${DEMO.tenantId}/conferences/conf_tour/transcript`,
    (p) => p.getByRole('cell', { name: 'Numbers are in.' }).waitFor(),
  ],
  ['play-auth-keys', '/play-auth-keys', (p) => p.locator('tbody tr').first().waitFor()],
  ['audit', '/audit', (p) => p.getByRole('cell', { name: 'access-key.created' }).first().waitFor()],
]

describe('web console quality in Chromium: keyboard, labels, layouts, CSP', { skip }, () => {
  let browser: Browser
  let url: string
  let server: TestApp
  let domainId: string
  const { scope: suite, close } = suiteScope()
  before(async () => {
    ;[browser, { url, server }] = await Promise.all([launch(), startPlayGate(suite)])
    const s = server.services
    await seedDemo(s)
    await s.accessKeys.issue({
      tenantId: DEMO.tenantId,
      protocol: 'aliyun',
      description: 'tour key',
    })
    const [domain] = (await s.playDomains.list({ tenantId: DEMO.tenantId })).items
    domainId = domain!.id
    await s.liveStreams.create({
      tenantId: DEMO.tenantId,
      playDomainId: domainId,
      streamName: 'launch',
      location: 'hls/launch.m3u8',
    })
    await s.dingtalkCatalog.setOrg(DEMO.tenantId, { corpId: 'dingtour', name: 'Tour Org' })
    await s.dingtalkApps.create({ tenantId: DEMO.tenantId, appKey: 'dingtourapp01' })
    await s.dingtalkCatalog.putUser(DEMO.tenantId, {
      unionId: 'UNION_HOST_1',
      userId: 'manager001',
      name: 'Hana Host',
    })
    await s.dingtalkCatalog.createConference(DEMO.tenantId, {
      id: 'conf_tour',
      title: 'Weekly sync',
      hostUnionId: 'UNION_HOST_1',
      startedAt: new Date('2026-12-01T09:00:00Z'),
      endedAt: new Date('2026-12-01T09:30:00Z'),
    })
    await s.dingtalkCatalog.createRecording(DEMO.tenantId, 'conf_tour', {
      id: '1001',
      videoId: DEMO.videoId,
      regionId: 'cn-shenzhen',
      unionId: 'UNION_HOST_1',
      startedAt: new Date('2026-12-01T09:01:00Z'),
      endedAt: new Date('2026-12-01T09:01:06Z'),
    })
    const paragraph = (text: string, startTime: number) => ({
      recordId: 1001,
      unionId: 'UNION_HOST_1',
      nickName: 'Hana',
      paragraph: text,
      startTime,
      endTime: startTime + 2500,
      status: 1,
      sentenceList: [],
    })
    await s.dingtalkCatalog.replaceTranscript(DEMO.tenantId, 'conf_tour', [
      paragraph('Good morning, let us start.', 0),
      paragraph('Numbers are in.', 3000),
    ])
    await s.playAuthKeys.rotate()
    // What the audit filters find (awaited: the audit log writes in batches).
    await s.audit.record({
      tenantId: DEMO.tenantId,
      kind: 'credential.issued',
      subject: DEMO.videoId,
    })
  })
  after(async () => {
    await close()
    await browser?.close()
  })

  it(
    'is usable by keyboard alone: sign-in, navigation, a create form and a dialog, focus visible',
    each,
    async () => {
      const { page, errors, shot } = await openPage(suite, browser, url)
      await page.goto(`${url}/`)
      await page.getByLabel('Admin token').waitFor()
      assert.deepEqual(await unnamedControls(page), [])
      // The check sees a control nobody named (and one named by aria-label only passes).
      await page.evaluate(() => {
        const doc = (globalThis as any).document
        const named = doc.createElement('button')
        named.setAttribute('aria-label', 'Named')
        doc.body.append(doc.createElement('input'), doc.createElement('select'), named)
      })
      assert.deepEqual(await unnamedControls(page), ['- textbox', '- combobox'])
      await page.reload()
      await page.getByLabel('Admin token').waitFor()
      await tabTo(page, 'admin-token')
      await page.keyboard.type(TEST_ADMIN_TOKEN)
      await shot('sign-in-keyboard')
      await page.keyboard.press('Enter')
      await page.getByRole('heading', { name: 'Overview' }).waitFor()

      // The skip link first, then the navigation.
      await tabTo(page, 'Skip to content')
      await tabTo(page, 'Tenants')
      await page.keyboard.press('Enter')
      await page.getByRole('heading', { name: 'Tenants' }).waitFor()

      // The create form: its first field takes the focus, Enter submits.
      await tabTo(page, 'New tenant')
      await page.keyboard.press('Enter')
      await page.getByRole('region', { name: 'New tenant' }).waitFor()
      await focusOn(page, 'create-name')
      await page.keyboard.type('Keyboard Co')
      await tabTo(page, 'create-id')
      await page.keyboard.type('tn_keyboard')
      await page.keyboard.press('Enter')
      await page.getByRole('heading', { name: 'Keyboard Co' }).waitFor()

      // The edit form: its first field takes the focus, Enter saves.
      await tabTo(page, 'Edit')
      await page.keyboard.press('Enter')
      await focusOn(page, 'edit-name')
      await page.keyboard.press('ControlOrMeta+A')
      await page.keyboard.type('Keyboard Company')
      await page.keyboard.press('Enter')
      await page.getByText('Saved the tenant.').waitFor()
      await page.getByRole('heading', { name: 'Keyboard Company' }).waitFor()
      // Closed, the form gives the focus back to the button that opened it.
      assert.deepEqual(await focusOn(page, 'Edit'), { text: 'Edit', ring: true, dialog: false })

      // A dialog: focus inside it on Cancel (a destructive one), Escape closes it and gives the
      // focus back; opened again, Shift+Tab reaches its Delete and Enter deletes.
      await tabTo(page, 'Delete')
      await page.keyboard.press('Enter')
      const dialog = page.getByRole('dialog', { name: 'Delete this tenant?' })
      await dialog.waitFor()
      assert.deepEqual(await focusOn(page, 'Cancel'), { text: 'Cancel', ring: true, dialog: true })
      await shot('dialog-keyboard')
      await page.keyboard.press('Escape')
      // Gone from the page, not only closed (its close event comes a task later).
      await page.locator('dialog').waitFor({ state: 'detached' })
      await focusOn(page, 'Delete')
      assert.equal((await server.services.tenants.get('tn_keyboard')).name, 'Keyboard Company')
      await page.keyboard.press('Enter')
      await dialog.waitFor()
      await tabTo(page, 'Delete', true)
      assert.ok((await focused(page)).dialog)
      await page.keyboard.press('Enter')
      await page.getByRole('heading', { name: 'Tenants' }).waitFor()
      await assert.rejects(server.services.tenants.get('tn_keyboard'), { code: 'NOT_FOUND' })
      assert.deepEqual(errors, [])
    },
  )

  it(
    'shows every page at 1280 and 390 px: controls named, nothing wider than the screen, no console error',
    each,
    async () => {
      const admin = await openPage(suite, browser, url)
      const { page, errors, requests, shot } = admin
      await signIn(page, url)
      await page.goto(`${url}/#/videos/${DEMO.videoId}`)
      const watch = await page
        .getByRole('button', { name: 'Copy viewer link' })
        .locator('..')
        .locator('code')
        .innerText()
      const tour = [
        ...PAGES.map(([name, path, loaded]) => [name, `${url}/#${path}`, loaded] as const),
        ['watch', watch, (p: Page) => waitForPlayback(p, 0.5)] as const,
      ]
      for (const width of [1280, 390]) {
        await page.setViewportSize({ width, height: width > 400 ? 900 : 844 })
        for (const [name, address, loaded] of tour) {
          // A new document for the player page (its address differs from the last in the
          // fragment only).
          if (name === 'watch') await page.goto('about:blank')
          await page.goto(address)
          await loaded(page)
          await pauseVideos(page)
          assert.deepEqual(await unnamedControls(page), [], `${name} at ${width} px`)
          const wide = await page.evaluate('document.documentElement.scrollWidth')
          assert.ok(Number(wide) <= width, `${name} is ${String(wide)} px wide at ${width} px`)
          await shot(`${name}-${width}`)
          assert.deepEqual(errors, [], `${name} at ${width} px`)
        }
      }
      // Nothing but PlayGate's pages and assets, its native API and its media edge.
      const elsewhere = requests.filter(
        (r) =>
          !/^\/(|watch|console\/[\w.-]+|v1\/.*|play\/.*)$/.test(
            r.slice(url.length).split(/[?#]/)[0]!,
          ),
      )
      assert.deepEqual(elsewhere, [])
    },
  )

  it('pages and filters a list in the address, which a reload keeps', each, async () => {
    const { page, errors } = await openPage(suite, browser, url)
    for (let i = 0; i < 21; i++)
      await server.services.videos.create({ tenantId: DEMO.tenantId, title: `Paged ${i}` })
    await signIn(page, url)
    await page.goto(`${url}/#/videos?tenantId=${DEMO.tenantId}`)
    const pager = page.getByRole('navigation', { name: 'Pages' })
    await pager.getByText('Page 1 of 2 · 22 in all').waitFor()
    await pager.getByRole('button', { name: 'Next' }).click()
    await pager.getByText('Page 2 of 2 · 22 in all').waitFor()
    assert.equal(page.url(), `${url}/#/videos?tenantId=${DEMO.tenantId}&page=2`)
    await page.reload()
    await pager.getByText('Page 2 of 2 · 22 in all').waitFor()
    assert.equal(await page.locator('tbody tr').count(), 2)
    // The audit log's tenant, subject and time filters, each sent to the API.
    await page.goto(`${url}/#/audit?tenantId=${DEMO.tenantId}&subject=${DEMO.videoId}`)
    await page.getByRole('cell', { name: 'credential.issued' }).first().waitFor()
    assert.deepEqual(
      [...new Set(await page.locator('tbody td:nth-child(2)').allInnerTexts())],
      ['credential.issued'],
    )
    await page.getByLabel('From').fill('2099-01-01T00:00')
    await page.getByText('Nothing here yet.').waitFor()
    assert.match(page.url(), /[?&]from=2099-01-01T00%3A00/)
    assert.deepEqual(errors, [])
  })

  it(
    'a first start: sign in with the token it wrote, the demo plays; a token refused later ends the session',
    each,
    async (t) => {
      const dataDir = mkdtempSync(join(tmpdir(), 'playgate-console-'))
      // The browser goes first (its media request would hold the server's shutdown open).
      const local = suiteScope()
      const logs: string[] = []
      const running = await startServer(
        loadConfig({
          env: {
            PLAYGATE_DATA_DIR: dataDir,
            // A fixed port, as `npm start` has (8080): the preview's signed URLs name it.
            PLAYGATE_HTTP_PORT: String(await freePort()),
            PLAYGATE_LOG_LEVEL: 'info',
          },
        }),
        { logStream: { write: (line: string) => void logs.push(line) } },
      )
      t.after(async () => {
        await local.close()
        await running.close()
        rmSync(dataDir, { recursive: true, force: true })
      })
      const token = readFileSync(join(dataDir, ADMIN_TOKEN_FILE), 'utf8').trim()
      logs.length = 0
      const { page, errors } = await openPage(local.scope, browser, running.url)
      await signIn(page, running.url, token)
      await menu(page, 'Videos').click()
      await page.getByRole('link', { name: DEMO.title }).click()
      await waitForPlayback(page)
      await pauseVideos(page)
      // Requests were logged, and the token is in none of them (nor in an address).
      assert.ok(logs.some((line) => line.includes('/v1/videos')))
      assert.deepEqual(
        logs.filter((line) => line.includes(token)),
        [],
      )
      assert.ok(!page.url().includes(token))
      // The API refuses the tab's token (revoked meanwhile): back to sign-in, saying why.
      await page.evaluate(() =>
        (globalThis as any).sessionStorage.setItem('playgate.adminToken', 'pgadm_revoked'),
      )
      await menu(page, 'Tenants').click()
      await page.getByText('Your session ended: the admin token was refused.').waitFor()
      await page.getByLabel('Admin token').waitFor()
      assert.deepEqual(
        errors.filter((e) => !/status of 401/.test(e)),
        [],
      )
    },
  )

  it('keeps to PlayGate’s own origin: the CSP header, enforced by the browser', each, async () => {
    const { page, errors, requests } = await openPage(suite, browser, url)
    for (const path of ['/', '/watch']) {
      const response = await page.goto(`${url}${path}`)
      assert.equal(response?.headers()['content-security-policy'], CONSOLE_CSP)
    }
    // Another origin's fetch, image and an inline script are refused before anything is sent.
    await page.evaluate(() => {
      const g = globalThis as any
      g.violations = []
      g.document.addEventListener('securitypolicyviolation', (e: any) =>
        g.violations.push(`${e.effectiveDirective} ${e.blockedURI}`),
      )
      void g.fetch('http://other.example/data').catch(() => undefined)
      const img = g.document.createElement('img')
      img.src = 'http://other.example/pixel.png'
      g.document.body.append(img)
      const script = g.document.createElement('script')
      script.textContent = 'globalThis.inlineRan = true'
      g.document.body.append(script)
    })
    await page.waitForFunction(() => (globalThis as any).violations.length >= 3)
    const violations = await page.evaluate<string[]>('violations')
    assert.deepEqual(violations.sort(), [
      'connect-src http://other.example/data',
      'img-src http://other.example/pixel.png',
      'script-src-elem inline',
    ])
    assert.equal(await page.evaluate('globalThis.inlineRan'), undefined)
    assert.deepEqual(
      requests.filter((r) => !r.startsWith(`${url}/`)),
      [],
    )
    // The browser's console reports each refusal (the fetch twice), and nothing else.
    for (const refused of ['other.example/data', 'other.example/pixel.png', 'inline script'])
      assert.ok(
        errors.some((e) => e.includes(refused)),
        errors.join('\n'),
      )
    assert.ok(
      errors.every((e) => /Content Security Policy/.test(e)),
      errors.join('\n'),
    )
  })
})
