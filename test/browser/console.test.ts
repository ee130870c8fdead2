// The web console in Debian's Chromium against a real PlayGate: sign-in, the CRUD flow a new
// user follows (tenant, play domain, video from the demo media), the preview playing MP4 and HLS
// (currentTime advances), key rotation keeping issued URLs alive, and the player page.
// One PlayGate, one browser, one console page and one viewer page for all tests (a new page costs
// seconds on a loaded machine); the tests run in order and each says what it leaves behind.
import assert from 'node:assert/strict'
import { existsSync } from 'node:fs'
import { after, before, beforeEach, describe, it } from 'node:test'
import type { Browser, Page } from 'playwright-core'
import {
  CHROMIUM,
  launch,
  menu,
  openPage,
  pauseVideos,
  signIn,
  startPlayGate,
  suiteScope,
  until,
  waitForPlayback,
  type ConsolePage,
} from './console-harness.ts'
import { DEMO, seedDemo } from '../../src/services/demo.ts'
import { TEST_ADMIN_TOKEN, type TestApp } from '../helpers/build-app.ts'

/** The browser's own console line for each 400 the tests provoke on purpose (host, reason). */
const BAD_REQUEST_ERROR =
  'console: Failed to load resource: the server responded with a status of 400 (Bad Request)'

const skip = existsSync(CHROMIUM) ? false : `${CHROMIUM} is not installed`

/** Creates tenant → play domain → video with MP4 and HLS streams through the UI; the video page. */
async function createCatalog(page: Page): Promise<void> {
  await menu(page, 'Tenants').click()
  await page.getByRole('button', { name: 'New tenant' }).click()
  let form = page.getByRole('region', { name: 'New tenant' })
  await form.getByLabel('Name').fill('Console Test')
  await form.getByLabel('Id', { exact: true }).fill('tn_console')
  await form.getByRole('button', { name: 'Create' }).click()
  await page.getByRole('heading', { name: 'Console Test' }).waitFor()

  await menu(page, 'Play domains').click()
  await page.getByRole('button', { name: 'New play domain' }).click()
  form = page.getByRole('region', { name: 'New play domain' })
  await form.getByLabel('Tenant id').fill('tn_console')
  // The API's own message lands next to the field it names.
  await form.getByLabel('Host').fill('not a host!')
  await form.getByRole('button', { name: 'Create' }).click()
  const hostError = form.locator('#create-host-error')
  await hostError.waitFor()
  assert.equal(
    await hostError.innerText(),
    'A parameter is present but malformed or out of range. (host: must be a string of 1 to 253 characters in the format /openapi.json gives)',
  )
  assert.equal(await form.getByLabel('Host').getAttribute('aria-invalid'), 'true')
  await form.getByLabel('Host').fill('media.console.test')
  await form.getByRole('button', { name: 'Create' }).click()
  await page.getByRole('heading', { name: 'media.console.test' }).waitFor()

  await menu(page, 'Videos').click()
  await page.getByRole('button', { name: 'New video' }).click()
  form = page.getByRole('region', { name: 'New video' })
  await form.getByLabel('Tenant id').fill('tn_console')
  await form.getByLabel('Title').fill('Console clip')
  await form.getByRole('button', { name: 'Create' }).click()
  await page.getByRole('heading', { name: 'Console clip' }).waitFor()
  for (const location of ['demo/mp4/demo.mp4', 'demo/hls/master.m3u8']) {
    await page.getByRole('button', { name: 'Add a stream' }).click()
    await page.getByLabel('Location').fill(location)
    await page.getByRole('button', { name: 'Add', exact: true }).click()
    await page.getByRole('cell', { name: location, exact: true }).waitFor()
  }
}

// Each test has its own time budget (a suite-level timeout would be shared by all four).
const each = { timeout: 180_000 }

/** The console's viewer link (the player page's address) shown under the preview. */
const viewerLink = (page: Page) =>
  page.getByRole('button', { name: 'Copy viewer link' }).locator('..').locator('code').innerText()

describe('web console in Chromium', { skip }, () => {
  let browser: Browser
  let url: string
  let server: TestApp
  /** The admin's tab, signed out at the start. */
  let admin: ConsolePage
  /** A viewer's tab for the player page, navigated from test to test. */
  let viewer: ConsolePage
  const { scope: suite, close } = suiteScope()
  before(async () => {
    ;[browser, { url, server }] = await Promise.all([launch(), startPlayGate(suite)])
    await seedDemo(server.services)
    // What the overview draws: credentials issued for two videos, denials with their reasons.
    const audit = server.services.audit
    for (let i = 0; i < 5; i++)
      await audit.record({
        tenantId: DEMO.tenantId,
        kind: 'credential.issued',
        subject: DEMO.videoId,
      })
    await audit.record({
      tenantId: DEMO.tenantId,
      kind: 'credential.issued',
      subject: 'ab'.repeat(16),
    })
    for (const reason of ['SIGNATURE_MISMATCH', 'SIGNATURE_MISMATCH', 'TOKEN_EXPIRED'])
      await audit.record({
        tenantId: DEMO.tenantId,
        kind: 'credential.denied',
        subject: DEMO.videoId,
        reason,
      })
    ;[admin, viewer] = await Promise.all([
      openPage(suite, browser, url),
      openPage(suite, browser, url),
    ])
  })
  after(async () => {
    await close()
    await browser?.close()
  })
  beforeEach(() => {
    admin.errors.length = 0
    viewer.errors.length = 0
  })

  it(
    'refuses a wrong token with a message, keeps a good one for the tab only, draws the overview, signs out',
    each,
    async () => {
      const { page, errors, shot } = admin
      await page.goto(`${url}/`)
      await page.getByRole('button', { name: 'Sign in' }).click()
      await page.getByText('Enter the admin token').waitFor()
      await page.getByLabel('Admin token').fill('pgadm_wrong_token')
      await page.getByRole('button', { name: 'Sign in' }).click()
      await page.getByText('This token is not a valid admin token').waitFor()
      await shot('sign-in-refused')
      // By keyboard only: the token field takes focus by Tab, Enter submits.
      await page.reload()
      await page.getByLabel('Admin token').waitFor()
      await page.keyboard.press('Tab')
      assert.equal(await page.evaluate('document.activeElement.id'), 'admin-token')
      await page.keyboard.type(TEST_ADMIN_TOKEN)
      await page.keyboard.press('Enter')
      await page.getByRole('heading', { name: 'Overview' }).waitFor()
      await page
        .getByRole('img', { name: 'Top videos by credentials issued' })
        .locator('canvas')
        .waitFor()
      assert.equal(await page.locator('figure.chart canvas').count(), 3)
      const tiles = await page.locator('.tile').allInnerTexts()
      assert.deepEqual(
        tiles.slice(0, 2).map((s) => s.replace(/\s+/g, ' ')),
        ['6 credentials issued', '3 credentials denied'],
      )
      await shot('overview')
      await page.keyboard.press('Tab')
      assert.equal(await page.evaluate('document.activeElement.textContent'), 'Skip to content')
      await page.keyboard.press('Enter')
      assert.equal(await page.evaluate('document.activeElement.id'), 'main')
      assert.equal(await page.evaluate('sessionStorage.length'), 1)
      assert.equal(await page.evaluate('localStorage.length'), 0)
      assert.ok(!page.url().includes(TEST_ADMIN_TOKEN))
      await page.getByRole('button', { name: 'Sign out' }).click()
      await page.getByText('You are signed out.').waitFor()
      assert.equal(await page.evaluate('sessionStorage.length'), 0)
      // Console errors allowed: the browser's own line for the refused token's 401.
      assert.deepEqual(
        errors.filter((e) => !/status of 401/.test(e)),
        [],
      )
    },
  )

  it(
    'creates a tenant, a play domain and a video from the demo media, and previews MP4 and HLS playing',
    each,
    async () => {
      const { page, errors, requests, shot } = admin
      await signIn(page, url)
      await createCatalog(page)
      await waitForPlayback(page)
      await shot('video')
      const mp4 = requests.filter((r) => r.includes('/play/media.console.test/demo/mp4/demo.mp4?'))
      assert.ok(mp4.length > 0, requests.join('\n'))
      await page.getByRole('radio', { name: /M3U8/ }).check()
      await waitForPlayback(page)
      await pauseVideos(page)
      assert.ok(
        requests.some((r) =>
          /\/play\/media\.console\.test\/demo\/hls\/.*segment-\d+\.ts\?/.test(r),
        ),
      )

      // An access key: its secret shown once, copied to the clipboard, then gone; disabled.
      await page.getByRole('link', { name: 'tn_console' }).click()
      await page.getByRole('button', { name: 'Issue a key' }).click()
      await page.getByLabel('Description').fill('console test app')
      await page.getByRole('button', { name: 'Issue', exact: true }).click()
      const once = page.locator('.secret-once')
      const secret = await once.locator('code').nth(1).innerText()
      assert.ok(secret.length >= 16, secret)
      await once.getByRole('button', { name: 'Copy secret' }).click()
      await once.getByText('Copied').waitFor()
      assert.equal(await page.evaluate('navigator.clipboard.readText()'), secret)
      await once.getByRole('button', { name: 'I have stored it' }).click()
      assert.equal(await page.getByText(secret).count(), 0)
      await page.getByRole('button', { name: /^Disable/ }).click()
      await page.getByRole('cell', { name: 'disabled' }).waitFor()

      // A revocation: the API's complaint about the missing reason lands next to that field.
      const revocations = page.getByRole('region', { name: 'Revocations' })
      await revocations.getByRole('button', { name: 'Revoke' }).click()
      await revocations.getByLabel('Revoke by').selectOption('viewer')
      await revocations.getByLabel('Value').fill('viewer-42')
      await revocations.getByRole('button', { name: 'Revoke' }).click()
      await revocations.locator('#revoke-reason-error').waitFor()
      await revocations.getByLabel('Reason').fill('shared the link')
      await revocations.getByRole('button', { name: 'Revoke' }).click()
      await revocations.getByRole('cell', { name: 'viewer-42', exact: true }).waitFor()
      await shot('tenant')
      await revocations.getByRole('button', { name: /^Lift/ }).click()
      await page.getByRole('dialog').getByRole('button', { name: 'Lift' }).click()
      await revocations.getByText('None.').waitFor()

      await menu(page, 'Audit log').click()
      await page.getByRole('cell', { name: 'credential.issued' }).first().waitFor()
      await page.getByLabel('Kind').selectOption('access-key.created')
      // The unfiltered list has the same row: wait for the filtered one, not for any match.
      const rows = page.locator('tbody tr')
      await until('the audit list shows only the new access key', async () => {
        const kinds = await rows.locator('td:nth-child(2)').allInnerTexts()
        return kinds.length === 1 && kinds[0] === 'access-key.created'
      })
      await shot('audit')
      await page.getByLabel('Outcome').selectOption('denied')
      await page.getByText('Nothing here yet.').waitFor()
      assert.deepEqual(errors, [BAD_REQUEST_ERROR, BAD_REQUEST_ERROR])
    },
  )

  it(
    'rotates a domain key: a URL signed before still plays, a tampered one is refused',
    each,
    async () => {
      const { page, errors, shot } = admin
      await signIn(page, url)
      await page.goto(`${url}/#/videos/${DEMO.videoId}`)
      const before = await viewerLink(page)
      assert.match(before, /\/watch#video=/)

      await menu(page, 'Play domains').click()
      await page.getByRole('link', { name: DEMO.host }).click()
      await page.getByRole('button', { name: 'Reveal primary key' }).click()
      const oldKey = await page
        .locator('dd')
        .filter({ has: page.getByRole('button', { name: 'Copy primary key' }) })
        .locator('code')
        .innerText()
      await page.getByRole('button', { name: 'Rotate keys' }).click()
      const dialog = page.getByRole('dialog')
      await dialog.getByText('URLs issued before the rotation keep playing').waitFor()
      await shot('rotate-confirm')
      await dialog.getByRole('button', { name: 'Rotate' }).click()
      await page.getByText('Keys rotated').waitFor()
      await page.getByRole('button', { name: 'Reveal primary key' }).click()
      await page.getByRole('button', { name: 'Reveal backup key' }).click()
      await page.getByRole('button', { name: 'Copy backup key' }).waitFor()
      const codes = await page.locator('dd code').allInnerTexts()
      assert.ok(codes.includes(oldKey), 'the old primary is now the backup')
      await shot('play-domain')

      // A live stream of this domain, with its freshly signed play and push URLs.
      const domainId = decodeURIComponent(page.url().split('/').pop()!)
      await menu(page, 'Live streams').click()
      await page.getByRole('button', { name: 'New live stream' }).click()
      const live = page.getByRole('region', { name: 'New live stream' })
      await live.getByLabel('Play domain id').fill(domainId)
      await live.getByLabel('StreamName').fill('launch')
      await live.getByLabel('Location').fill('hls/launch.m3u8')
      await live.getByRole('button', { name: 'Create' }).click()
      await page.getByRole('heading', { name: 'live/launch' }).waitFor()
      await page.getByRole('button', { name: 'Sign play URLs' }).click()
      assert.match(
        await page.getByRole('button', { name: 'Copy HLS URL' }).locator('..').innerText(),
        /\/live\/launch\.m3u8\?/,
      )
      await shot('live-stream')
      await menu(page, 'PlayAuth keys').click()
      await page.getByRole('button', { name: 'Rotate' }).click()
      await page.getByRole('dialog').getByRole('button', { name: 'Rotate' }).click()
      await page.getByText('A new key is stored').waitFor()

      // The viewer link signed before the rotation still plays on the player page.
      await viewer.page.goto(before)
      await waitForPlayback(viewer.page)
      await pauseVideos(viewer.page)
      await viewer.shot('watch')
      assert.deepEqual(viewer.errors, [])

      // The same link with its signature changed is refused by the edge and says so.
      const tampered = before.replace(
        /(auth_key%3D[^&]*?)([0-9a-f])(%26|&|$)/,
        (_m, head: string, last: string, tail: string) =>
          `${head}${last === '0' ? '1' : '0'}${tail}`,
      )
      assert.notEqual(tampered, before)
      // A new document, not a fragment change of the playing one.
      await viewer.page.goto('about:blank')
      await viewer.page.goto(tampered)
      await viewer.page.getByRole('alert').waitFor()
      assert.ok(
        viewer.errors.every((e) => /status of 403/.test(e)),
        viewer.errors.join('\n'),
      )
      assert.deepEqual(errors, [])
    },
  )

  it('unlocks a password-protected video on the player page (390 px wide)', each, async () => {
    const { page, errors, shot } = admin
    await Promise.all([
      page.setViewportSize({ width: 390, height: 844 }),
      viewer.page.setViewportSize({ width: 390, height: 844 }),
    ])
    await signIn(page, url)
    await menu(page, 'Videos').click()
    await page.getByRole('link', { name: DEMO.title }).waitFor()
    await shot('videos-390')
    await page.getByRole('link', { name: DEMO.title }).click()
    await waitForPlayback(page)
    await pauseVideos(page)
    await page.getByRole('button', { name: 'Set a password' }).click()
    await page.getByLabel('New play password').fill('open sesame')
    await page.getByRole('button', { name: 'Save password' }).click()
    await page.getByText('Play password saved.').waitFor()
    // The preview signs again and learns of the password: then its viewer link is the lock.
    await page.getByText('This video has a play password').waitFor()
    await shot('video-390')
    const link = await viewerLink(page)
    assert.ok(!link.includes('auth_key'), link)

    await viewer.page.goto('about:blank')
    await viewer.page.goto(link)
    // A wrong password: the API's refusal, no video.
    await viewer.page.getByLabel('Password').fill('open sesame?')
    await viewer.page.getByRole('button', { name: 'Unlock' }).click()
    await viewer.page.getByRole('alert').waitFor()
    assert.equal(await viewer.page.locator('video').count(), 0)
    await viewer.shot('watch-locked')
    // The right one: the unlock answers URLs carrying a viewer credential, and they play.
    await viewer.page.getByLabel('Password').fill('open sesame')
    await viewer.page.getByRole('button', { name: 'Unlock' }).click()
    await waitForPlayback(viewer.page)
    await pauseVideos(viewer.page)
    assert.ok(viewer.requests.some((r) => /\/demo\/mp4\/demo\.mp4\?.*playsafe=/.test(r)))
    await viewer.shot('watch-unlocked')
    // Allowed: the browser's own line for the wrong password's 403.
    assert.deepEqual([...errors, ...viewer.errors.filter((e) => !/status of 403/.test(e))], [])
  })
})
