// The console's catalog extras in Debian's Chromium against a real PlayGate: a video's vendor
// aliases and play passwords per audience, a tenant's vendor accounts, and the DingTalk pages
// (org, apps with the secret shown once, users paged, a conference, its recording and its
// transcript per recording), each with an API error shown next to its field. One PlayGate, one
// browser, one page for all tests.
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
  type ConsolePage,
} from './console-harness.ts'
import type { TestApp } from '../helpers/build-app.ts'

const skip = existsSync(CHROMIUM) ? false : `${CHROMIUM} is not installed`
const each = { timeout: 180_000 }
const VID = '1b448be323b452641878b54f21241188_1'
/** The browser's own console line for each refusal the tests provoke on purpose. */
const provoked = (e: string) => /status of (400|404) /.test(e)

const region = (page: Page, name: string) => page.getByRole('region', { name, exact: true })

describe('web console catalog extras in Chromium', { skip }, () => {
  let browser: Browser
  let url: string
  let server: TestApp
  let admin: ConsolePage
  let videoId: string
  const { scope: suite, close } = suiteScope()
  before(async () => {
    ;[browser, { url, server }] = await Promise.all([launch(), startPlayGate(suite)])
    const { services } = server
    await services.tenants.create({ id: 'tn_extras', name: 'Extras' })
    const video = await services.videos.create({
      tenantId: 'tn_extras',
      title: 'Meeting recording',
      status: 'Normal',
    })
    videoId = video.id
    await services.videos.addStream({ videoId, location: 'demo/mp4/demo.mp4' })
    // Local: its URLs play on PlayGate's own origin (the preview signs them).
    await services.playDomains.create({
      tenantId: 'tn_extras',
      host: 'media.extras.test',
      scheme: 'aliyun-a',
      isDefault: true,
    })
    admin = await openPage(suite, browser, url)
    await signIn(admin.page, url)
  })
  after(async () => {
    await close()
    await browser?.close()
  })
  beforeEach(() => {
    admin.errors.length = 0
  })

  it('adds and removes a video’s vendor alias and an audience’s play password', each, async () => {
    const { page, errors, shot } = admin
    await page.goto(`${url}/#/videos/${videoId}`)
    const aliases = region(page, 'Vendor aliases')
    await aliases.getByRole('button', { name: 'Add an alias' }).click()
    await aliases.getByLabel('Alias').fill('not a vid')
    await aliases.getByRole('button', { name: 'Add an alias' }).click()
    await aliases.locator('#aliases-alias-error').waitFor()
    assert.equal(await aliases.getByLabel('Alias').getAttribute('aria-invalid'), 'true')
    await aliases.getByLabel('Alias').fill(VID)
    await aliases.getByRole('button', { name: 'Add an alias' }).click()
    await aliases.getByRole('cell', { name: VID, exact: true }).waitFor()
    assert.deepEqual(
      (await server.services.videos.aliases(videoId)).map((a) => [a.vendor, a.alias]),
      [['polyv', VID]],
    )

    const passwords = region(page, 'Play passwords')
    for (const [label, password] of [
      ['default', 'for-everyone'],
      ['staff', 'for-staff'],
    ] as const) {
      await passwords.getByRole('button', { name: 'Set a password' }).click()
      await passwords.getByLabel('Audience label').fill(label)
      await passwords.getByLabel('New play password').fill(password)
      await passwords.getByRole('button', { name: 'Save password' }).click()
      await passwords.getByRole('cell', { name: label, exact: true }).waitFor()
    }
    // Masked until revealed.
    assert.equal(await passwords.getByText('for-staff').count(), 0)
    await passwords.getByRole('button', { name: 'Reveal play password staff' }).click()
    await passwords.getByText('for-staff').waitFor()
    // The preview learns of the passwords: its viewer link is the lock.
    await page.getByText('This video has a play password').waitFor()
    await pauseVideos(page)
    await shot('video-aliases-passwords')

    await passwords.getByRole('button', { name: 'Remove password default' }).click()
    await page.getByRole('dialog').getByRole('button', { name: 'Remove' }).click()
    await passwords.getByText('Removed the default password.').waitFor()
    assert.deepEqual(
      (await server.services.playPasswords.list(videoId)).map((p) => p.label),
      ['staff'],
    )
    await aliases.getByRole('button', { name: `Remove polyv alias ${VID}` }).click()
    await page.getByRole('dialog').getByRole('button', { name: 'Remove' }).click()
    await aliases.getByText('None.').waitFor()

    // The viewer policy's auth callback: its timeout and what happens while it is down.
    const policy = region(page, 'Viewer policy')
    await policy.getByRole('button', { name: 'Edit policy' }).click()
    await policy.getByLabel('Auth callback URL').fill('https://auth.extras.test/check')
    await policy.getByLabel('Callback timeout (ms)').fill('1500')
    await policy.getByLabel('Let authorised sessions play on while the callback is down').uncheck()
    await policy.getByRole('button', { name: 'Save policy' }).click()
    await policy.getByText('Viewer policy saved.').waitFor()
    await policy.getByText('(1500 ms, fails closed)').waitFor()
    assert.deepEqual(
      errors.filter((e) => !provoked(e)),
      [],
    )
  })

  it('edits a tenant’s vendor accounts, with the API’s error next to its field', each, async () => {
    const { page, errors, shot } = admin
    await page.goto(`${url}/#/tenants/tn_extras`)
    const accounts = region(page, 'Vendor accounts')
    await accounts.getByRole('button', { name: 'Edit accounts' }).click()
    await accounts.getByLabel('Aliyun account UID').fill('1234567890')
    await accounts.getByLabel('Aliyun region').fill('not a region!')
    await accounts.getByRole('button', { name: 'Save accounts' }).click()
    await accounts.locator('#accounts-aliyun\\.region-error').waitFor()
    await accounts.getByLabel('Aliyun region').fill('cn-shanghai')
    await accounts.getByLabel('Tencent AppId').fill('1250000000')
    await accounts.getByRole('button', { name: 'Save accounts' }).click()
    await accounts.getByText('Vendor accounts saved.').waitFor()
    for (const shown of ['1234567890', 'cn-shanghai', '1250000000'])
      await accounts.getByText(shown, { exact: true }).waitFor()
    const stored = await server.services.tenants.accounts('tn_extras')
    assert.deepEqual(
      [stored.aliyun?.customerId, stored.aliyun?.region, stored.tencent?.appId],
      [1234567890, 'cn-shanghai', 1250000000],
    )
    await shot('tenant-accounts')
    assert.deepEqual(
      errors.filter((e) => !provoked(e)),
      [],
    )
  })

  it('sets up DingTalk: org, app (secret once), user, conference and recording', each, async () => {
    const { page, errors, shot } = admin
    await menu(page, 'DingTalk').click()
    await page.getByLabel('Tenant id').fill('tn_extras')
    await page.getByRole('button', { name: 'Open' }).click()
    const org = region(page, 'Org')
    await org.getByText('No DingTalk org yet.').waitFor()
    await org.getByRole('button', { name: 'Set the org' }).click()
    await org.getByLabel('corpId').fill('dingcorp-extras')
    await org.getByLabel('Org name').fill('Extras Org')
    await org.getByRole('button', { name: 'Save org' }).click()
    await org.getByText('Org saved.').waitFor()

    const apps = region(page, 'Apps')
    await apps.getByRole('button', { name: 'Create an app' }).click()
    await apps.getByLabel('appKey').fill('dingextrasapp01')
    await apps.getByLabel('Scopes').fill('not a scope!')
    await apps.getByRole('button', { name: 'Create' }).click()
    await apps.locator('#apps-scopes-error').waitFor()
    await apps.getByLabel('Scopes').fill('VideoConference.Conference.Read')
    await apps.getByRole('button', { name: 'Create' }).click()
    await apps.getByText('Copy the appsecret now').waitFor()
    await apps.getByRole('button', { name: 'Disable dingextrasapp01' }).click()
    await apps.getByText('Disabled dingextrasapp01.').waitFor()
    await apps.getByRole('button', { name: 'Enable dingextrasapp01' }).waitFor()

    const users = region(page, 'Users')
    await users.getByRole('button', { name: 'Add a user' }).click()
    await users.getByLabel('unionId').fill('union-host-1')
    await users.getByLabel('userId').fill('user-1')
    await users.getByLabel('Name').fill('Host One')
    await users.getByRole('button', { name: 'Save user' }).click()
    await users.getByRole('cell', { name: 'Host One' }).waitFor()
    await shot('dingtalk')

    const conferences = region(page, 'Conferences')
    await conferences.getByRole('button', { name: 'New conference' }).click()
    await conferences.getByLabel('Title').fill('Weekly sync')
    await conferences.getByLabel('Host unionId').fill('union-host-1')
    await conferences.getByLabel('Started').fill('2026-12-01T09:00')
    await conferences.getByRole('button', { name: 'Create' }).click()
    await page.getByRole('heading', { name: 'Weekly sync' }).waitFor()

    const recordings = region(page, 'Recordings')
    await recordings.getByRole('button', { name: 'Add a recording' }).click()
    await recordings.getByLabel('Video id').fill(videoId)
    await recordings.getByLabel('Region').fill('cn-hangzhou')
    await recordings.getByLabel('Recorded by (unionId)').fill('union-host-1')
    await recordings.getByLabel('Started').fill('2026-12-01T09:00')
    await recordings.getByLabel('Ended').fill('2026-12-01T09:30')
    await recordings.getByLabel('Duration (ms)').fill('1800000')
    await recordings.getByRole('button', { name: 'Add', exact: true }).click()
    await recordings.getByRole('link', { name: videoId }).waitFor()
    await shot('dingtalk-conference')
    const [conference] = (await server.services.dingtalkCatalog.listConferences('tn_extras')).items
    assert.equal(conference?.title, 'Weekly sync')
    assert.deepEqual(
      errors.filter((e) => !provoked(e)),
      [],
    )
  })

  it('pages DingTalk users, the page kept in the address', each, async () => {
    const { page, errors } = admin
    const catalog = server.services.dingtalkCatalog
    for (let i = 0; i < 24; i++)
      await catalog.putUser('tn_extras', {
        unionId: `union-many-${String(i).padStart(2, '0')}`,
        userId: `many-${i}`,
        name: `Many ${i}`,
      })
    const { total } = await catalog.listUsers('tn_extras')
    assert.ok(total > 20 && total <= 40, String(total))
    await page.goto(`${url}/#/dingtalk?tenantId=tn_extras`)
    const users = region(page, 'Users')
    const pager = users.getByRole('navigation', { name: 'Pages of users' })
    await pager.getByText(`Page 1 of 2 · ${total} in all`).waitFor()
    assert.equal(await users.locator('tbody tr').count(), 20)
    await pager.getByRole('button', { name: 'Next' }).click()
    await pager.getByText(`Page 2 of 2 · ${total} in all`).waitFor()
    assert.match(page.url(), /[?&]usersPage=2(&|$)/)
    assert.equal(await users.locator('tbody tr').count(), total - 20)
    // The other lists page on their own: one page of apps, no pager.
    assert.equal(await region(page, 'Apps').getByRole('navigation').count(), 0)
    assert.deepEqual(errors, [])
  })

  it('shows a conference’s transcript per recording; replaces and deletes it', each, async () => {
    const { page, errors, shot } = admin
    const catalog = server.services.dingtalkCatalog
    await catalog.putUser('tn_extras', { unionId: 'union-speaker', userId: 'sp', name: 'Speaker' })
    await catalog.createConference('tn_extras', {
      id: 'conf_transcript',
      title: 'Quarterly review',
      hostUnionId: 'union-speaker',
      startedAt: new Date('2026-12-02T09:00:00Z'),
    })
    await catalog.createRecording('tn_extras', 'conf_transcript', {
      id: '1001',
      videoId,
      regionId: 'cn-hangzhou',
      unionId: 'union-speaker',
      startedAt: new Date('2026-12-02T09:00:00Z'),
      endedAt: new Date('2026-12-02T09:10:00Z'),
    })
    const paragraph = (recordId: number, text: string, startTime: number) => ({
      recordId,
      unionId: 'union-speaker',
      nickName: 'Speaker',
      paragraph: text,
      startTime,
      endTime: startTime + 2500,
      status: 1,
      sentenceList: [],
    })
    await catalog.replaceTranscript('tn_extras', 'conf_transcript', [
      paragraph(1001, 'Welcome to the review.', 0),
      paragraph(1001, 'Revenue is up.', 65_000),
      paragraph(0, 'A note outside any recording.', 3000),
    ])

    await page.goto(`${url}/#/dingtalk/tn_extras/conferences/conf_transcript`)
    await region(page, 'Recordings')
      .getByRole('link', { name: '2 paragraphs of recording 1001' })
      .click()
    await page.getByRole('heading', { name: 'Transcript', exact: true }).waitFor()
    assert.match(page.url(), /\/transcript\?recordId=1001$/)
    const recording = region(page, 'Recording 1001')
    await recording.getByRole('cell', { name: 'Revenue is up.' }).waitFor()
    assert.deepEqual(await recording.locator('tbody td:first-child').allInnerTexts(), [
      '0:00.0–0:02.5',
      '1:05.0–1:07.5',
    ])
    assert.equal(await page.getByText('A note outside any recording.').count(), 0)
    await shot('dingtalk-transcript')
    await page.getByLabel('Recording', { exact: true }).selectOption('')
    await region(page, 'recordId 0 (no recording with this id)')
      .getByRole('cell', { name: 'A note outside any recording.' })
      .waitFor()

    // Replacing: the API's complaint about a paragraph lands next to the JSON field.
    await page.getByRole('button', { name: 'Replace transcript' }).click()
    const json = page.getByLabel('Paragraphs (JSON)')
    await json.fill(JSON.stringify([{ ...paragraph(1001, 'Backwards.', 5000), endTime: 10 }]))
    await page.getByRole('button', { name: 'Save transcript' }).click()
    await page.locator('#transcript-paragraphs-error').waitFor()
    assert.equal(await json.getAttribute('aria-invalid'), 'true')
    await json.fill(JSON.stringify([paragraph(1001, 'Only this now.', 0)]))
    await page.getByRole('button', { name: 'Save transcript' }).click()
    await page.getByText('Transcript saved.').waitFor()
    await region(page, 'Recording 1001').getByRole('cell', { name: 'Only this now.' }).waitFor()
    assert.deepEqual(
      (await catalog.getTranscript('tn_extras', 'conf_transcript')).map((p) => p.paragraph),
      ['Only this now.'],
    )

    await page.getByRole('button', { name: 'Delete transcript' }).click()
    await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click()
    await page.getByText('No transcript.').waitFor()
    assert.deepEqual(await catalog.getTranscript('tn_extras', 'conf_transcript'), [])
    assert.deepEqual(
      errors.filter((e) => !provoked(e)),
      [],
    )
  })
})
