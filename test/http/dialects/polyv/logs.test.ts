// Play passwords and signs never reach a log line or an error body (issue: bad input): set, read,
// refused and mistyped through Polyv's routes (in the form and in the query string), and tried
// on the native unlock route, with the log at debug so every line a request writes is there.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { form, signedParams } from './client.ts'
import { SECRET, USERID, VID, VID2, polyvWorld } from './world.ts'

const SAVE = `/v2/video/${USERID}/video-setting-save`
const PAGE = `/v2/video/${USERID}/video-setting-page`
const body = (res: { body: string }) => JSON.parse(res.body) as { code: number; message: string }

describe('polyv: passwords and signs in logs', () => {
  it('writes none of them, whatever the request and its outcome', async (t) => {
    const w = await polyvWorld(t)
    const secrets: string[] = []
    const signed = (business: Record<string, string>, secret = SECRET) => {
      const params = signedParams('sdk', business, {
        userid: USERID,
        secret,
        ptime: w.clock.now(),
      })
      secrets.push(params.sign!)
      return params
    }
    const answers: string[] = []
    const expect = async (reply: Promise<{ body: string }>, code: number, message = 'success') => {
      const res = await reply
      answers.push(res.body)
      assert.deepEqual([body(res).code, body(res).message], [code, message])
    }
    secrets.push('Pw-Form-7781', 'Pw-Query-4410', 'Pw-Wrong-Sign-2290', 'Pw-Bad-5512')
    // Set in the form, read back (its owner's answer carries it; no log line does).
    await expect(w.raw('POST', SAVE, signed({ vids: VID, password: 'Pw-Form-7781' })), 200)
    const page = await w.raw('GET', PAGE, signed({ vids: VID }))
    assert.ok(page.body.includes('Pw-Form-7781'))
    // Sent in the query string of the POST.
    const query = signed({ vids: VID2, password: 'Pw-Query-4410' })
    await expect(
      w.app.inject({ method: 'POST', url: `${SAVE}?${form(query)}` }).then((r) => r),
      200,
    )
    assert.equal(await w.services.playPasswords.get(w.video2.id), 'Pw-Query-4410')
    // Refused: a wrong sign, a password with a control character, a stale ptime.
    await expect(
      w.raw('POST', SAVE, signed({ vids: VID, password: 'Pw-Wrong-Sign-2290' }, 'abd')),
      400,
      'the sign is not right.',
    )
    await expect(
      w.raw('POST', SAVE, signed({ vids: VID, password: 'Pw-Bad-5512\u0001' })),
      400,
      'password is illegal.',
    )
    // Viewers trying passwords on the unlock route: wrong ones, then the right one.
    for (const password of ['Guess-Unlock-1', 'Guess-Unlock-2', 'Pw-Form-7781']) {
      secrets.push(password)
      const res = await w.app.inject({
        method: 'POST',
        url: `/v1/videos/${w.video.id}/unlock`,
        payload: { password },
      })
      answers.push(res.body)
    }
    assert.ok(w.logs.some((line) => line.includes('"statusCode":403')))
    assert.ok(w.logs.some((line) => line.includes('video-setting-save')))
    for (const secret of secrets) {
      assert.deepEqual(
        w.logs.filter((line) => line.includes(secret)),
        [],
        `${secret} is in a log line`,
      )
      assert.ok(!answers.some((a) => a.includes(secret)), `${secret} is in an answer`)
    }
  })
})
