// The console's viewer controls in Debian's Chromium against a real PlayGate: the preview issues
// usage-limited URLs (maxUses), shows their limit and does not play them, and the tenant's
// viewer sessions show the bytes the edge sent each one, and a kick stops one at once.
import assert from 'node:assert/strict'
import { existsSync } from 'node:fs'
import { after, before, beforeEach, describe, it } from 'node:test'
import type { Browser, Page } from 'playwright-core'
import {
  CHROMIUM,
  launch,
  openPage,
  pauseVideos,
  signIn,
  startPlayGate,
  suiteScope,
  waitForPlayback,
  type ConsolePage,
} from './console-harness.ts'
import type { TestApp } from '../helpers/build-app.ts'

const skip = existsSync(CHROMIUM) ? false : `${CHROMIUM} is not installed`
const each = { timeout: 180_000 }
const TENANT = 'tn_viewer'
const MP4 = 'demo/mp4/demo.mp4'

const region = (page: Page, name: string) => page.getByRole('region', { name, exact: true })

describe('web console viewer controls in Chromium', { skip }, () => {
  let browser: Browser
  let url: string
  let server: TestApp
  let admin: ConsolePage
  let videoId: string
  const { scope: suite, close } = suiteScope()
  before(async () => {
    ;[browser, { url, server }] = await Promise.all([launch(), startPlayGate(suite)])
    const { services } = server
    await services.tenants.create({ id: TENANT, name: 'Viewer controls' })
    const video = await services.videos.create({ tenantId: TENANT, title: 'Lecture' })
    videoId = video.id
    await services.videos.addStream({ videoId, location: MP4 })
    await services.playDomains.create({
      tenantId: TENANT,
      host: 'media.viewer.test',
      scheme: 'aliyun-a',
      isDefault: true,
    })
    admin = await openPage(suite, browser, url)
    await signIn(admin.page, url)
  })
  beforeEach(() => {
    admin.errors.length = 0
  })
  after(async () => {
    await close()
    await browser?.close()
  })

  it(
    'issues single-use URLs from the preview, shows the limit and does not play them',
    each,
    async () => {
      const { page, errors, requests, shot } = admin
      await page.goto(`${url}/#/videos/${videoId}`)
      const preview = region(page, 'Preview')
      await waitForPlayback(page)
      await pauseVideos(page)

      const uses = preview.getByLabel('Uses per URL')
      await uses.fill('0')
      await preview.getByRole('button', { name: 'Sign again' }).click()
      await preview
        .getByRole('alert')
        .getByText(/^INVALID_PARAMETER: .*maxUses/)
        .waitFor()
      assert.equal(await uses.getAttribute('aria-invalid'), 'true')

      await uses.fill('1')
      await preview.getByRole('button', { name: 'Sign again' }).click()
      await preview.getByText('Each URL may be used once, on every replica').waitFor()
      await preview.getByText('Not played here: playing would use it up.').waitFor()
      assert.equal(await preview.locator('video').count(), 0)
      await shot('preview-single-use')
      const signed = await preview.locator('.url-list code').first().innerText()
      assert.match(signed, /\/play\/media\.viewer\.test\/demo\/mp4\/demo\.mp4\?auth_key=/)
      assert.ok(!requests.includes(signed), 'the browser never fetched the single-use URL')
      // The URL is single-use at the edge: served once, then refused as used up.
      const first = await fetch(signed)
      assert.equal(first.status, 200)
      await first.arrayBuffer()
      const second = await fetch(signed)
      assert.deepEqual([second.status, second.headers.get('x-deny-reason')], [403, 'used-up'])
      assert.deepEqual(
        errors.filter((e) => !/status of 400 /.test(e)),
        [],
      )
    },
  )

  it('shows the bytes the edge sent each viewer session, and kicks one', each, async () => {
    const { page, errors, shot } = admin
    const { services } = server
    const watched = await services.playDomains.create({
      tenantId: TENANT,
      host: 'watch.viewer.test',
      scheme: 'aliyun-a',
    })
    await services.viewerControls.putPolicy('domain', watched.id, { caps: { idleSeconds: 600 } })
    const domain = (await services.playDomains.resolveHost('watch.viewer.test'))!
    const { url: signed } = services.playUrls.signStreamUrl({
      domain,
      stream: MP4,
      options: { uid: 'viewer_7' },
    })
    const local = signed.replace(/^https?:\/\/[^/]+/, url)
    const full = await fetch(local)
    assert.equal((await full.arrayBuffer()).byteLength, 333_404)
    const ranged = await fetch(local, { headers: { range: 'bytes=0-999' } })
    assert.equal((await ranged.arrayBuffer()).byteLength, 1000)

    await page.goto(`${url}/#/tenants/${TENANT}`)
    const sessions = region(page, 'Viewer sessions')
    const row = sessions.getByRole('row').filter({ hasText: 'viewer_7' })
    // 334 404 bytes.
    await row.getByRole('cell', { name: '326.6 KB', exact: true }).waitFor()
    assert.equal(await row.getByTitle('334404 bytes').count(), 1)
    await shot('tenant-sessions')

    // Kicked: its credential stops working at once, and the session is gone from the list.
    await row.getByRole('button', { name: /^Kick/ }).click()
    await page.getByRole('dialog').getByRole('button', { name: 'Kick' }).click()
    await sessions.getByText(/^Kicked the session vs_/).waitFor()
    await sessions.getByText('None.').waitFor()
    const kicked = await fetch(local)
    assert.deepEqual([kicked.status, kicked.headers.get('x-deny-reason')], [403, 'revoked'])
    assert.deepEqual(errors, [])
  })
})
