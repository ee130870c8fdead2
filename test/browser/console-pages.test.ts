// The console's quality bar in Debian's Chromium (issue 11, item 6): a keyboard-only walk through
// sign-in, the navigation, a create form and a dialog with the focus always visible; every page
// at 1280 and 390 px wide with every control named for assistive technology, nothing wider than
// the screen, no console error, and a screenshot of each; and the content security policy
// enforced by the browser (only PlayGate's own origin). One PlayGate and one browser for all.
import assert from 'node:assert/strict'
import { existsSync } from 'node:fs'
import { after, before, describe, it } from 'node:test'
import type { Browser, Page } from 'playwright-core'
import { CONSOLE_CSP } from '../../src/http/console.ts'
import { DEMO, seedDemo } from '../../src/services/demo.ts'
import { TEST_ADMIN_TOKEN, type TestApp } from '../helpers/build-app.ts'
import {
  CHROMIUM,
  launch,
  openPage,
  pauseVideos,
  signIn,
  startPlayGate,
  suiteScope,
  type ConsolePage,
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
      assert.equal((await focused(page)).text, 'create-name')
      await page.keyboard.type('Keyboard Co')
      await tabTo(page, 'create-id')
      await page.keyboard.type('tn_keyboard')
      await page.keyboard.press('Enter')
      await page.getByRole('heading', { name: 'Keyboard Co' }).waitFor()

      // A dialog: focus inside it on Cancel (a destructive one), Escape closes it and gives the
      // focus back; opened again, Shift+Tab reaches its Delete and Enter deletes.
      await tabTo(page, 'Delete')
      await page.keyboard.press('Enter')
      const dialog = page.getByRole('dialog', { name: 'Delete this tenant?' })
      await dialog.waitFor()
      assert.deepEqual(await focused(page), { text: 'Cancel', ring: true, dialog: true })
      await shot('dialog-keyboard')
      await page.keyboard.press('Escape')
      await dialog.waitFor({ state: 'detached' })
      assert.equal((await focused(page)).text, 'Delete')
      assert.equal((await server.services.tenants.get('tn_keyboard')).name, 'Keyboard Co')
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
      let admin: ConsolePage | undefined
      for (const width of [1280, 390]) {
        admin ??= await openPage(suite, browser, url, { width, height: 900 })
        const { page, errors, shot } = admin
        await page.setViewportSize({ width, height: width > 400 ? 900 : 844 })
        if (width === 1280) await signIn(page, url)
        for (const [name, path, loaded] of PAGES) {
          await page.goto(`${url}/#${path}`)
          await loaded(page)
          await pauseVideos(page)
          assert.deepEqual(await unnamedControls(page), [], `${name} at ${width} px`)
          const wide = await page.evaluate('document.documentElement.scrollWidth')
          assert.ok(Number(wide) <= width, `${name} is ${String(wide)} px wide at ${width} px`)
          await shot(`${name}-${width}`)
          assert.deepEqual(errors, [], `${name} at ${width} px`)
        }
      }
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
