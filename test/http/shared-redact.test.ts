import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { redactTarget } from '../../src/http/shared/redact.ts'

describe('http/shared/redact', () => {
  it('masks credential-like query values and keeps the rest', () => {
    assert.equal(
      redactTarget(
        '/?Action=GetPlayInfo&AccessKeyId=LTAIx&Signature=abc%3D&SecurityToken=t&VideoId=v',
      ),
      '/?Action=GetPlayInfo&AccessKeyId=***&Signature=***&SecurityToken=***&VideoId=v',
    )
    assert.equal(redactTarget('/a.mp4?auth_key=1-2-3-h'), '/a.mp4?auth_key=***')
    assert.equal(
      redactTarget('/a.mp4?md5=x&expires=1&txSecret=y&pg_sig=z'),
      '/a.mp4?md5=***&expires=1&txSecret=***&pg_sig=***',
    )
  })

  it('masks path-form signatures of types B and C but not ids in API paths', () => {
    const mac = '0123456789abcdef0123456789abcdef'
    assert.equal(
      redactTarget(`/play/h/202601011200/${mac}/demo/a.mp4`),
      '/play/h/202601011200/***/demo/a.mp4',
    )
    assert.equal(redactTarget(`/${mac}/6553a2c0/demo/a.mp4?x=1`), '/***/6553a2c0/demo/a.mp4?x=1')
    assert.equal(redactTarget(`/v1/videos/${mac}/streams`), `/v1/videos/${mac}/streams`)
  })
})
