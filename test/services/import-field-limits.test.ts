// The video field limits (core/fields.ts, Aliyun VOD's) hold for the import exactly as for the
// native API: a value at the limit is imported, one byte or one tag over is a problem at its path.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { VIDEO_COUNTS, VIDEO_FIELDS } from '../../src/core/fields.ts'
import { ImportRejectedError } from '../../src/services/import.ts'
import { importWorld } from './import-harness.ts'

const video = (fields: Record<string, unknown>) => ({
  tenants: [{ id: 'tn_a', name: 'A', videos: [{ referenceId: 'r1', title: 'T', ...fields }] }],
})

const tags = (n: number) => Array.from({ length: n }, (_, i) => `t${i}`)
// 3 bytes of UTF-8 each: a title of 43 of them is 129 bytes in 43 characters.
const han = (n: number) => '视'.repeat(n)

describe('import: video field limits', () => {
  it('imports every field at its limit', async (t) => {
    const { importer } = await importWorld(t, 'sqlite')
    const atLimit = {
      title: 'x'.repeat(VIDEO_FIELDS.title.maxBytes),
      description: han(Math.floor(VIDEO_FIELDS.description.maxBytes / 3)),
      tags: [...tags(VIDEO_COUNTS.tags - 1), 'y'.repeat(VIDEO_FIELDS.tag.maxBytes)],
    }
    const summary = await importer.apply(video(atLimit))
    assert.equal(summary.videos.created, 1)
  })

  it('reports one over each limit at its path, in the import problem shape', async (t) => {
    const { importer } = await importWorld(t, 'sqlite')
    const cases: [Record<string, unknown>, string, string][] = [
      [{ title: 'x'.repeat(129) }, 'title', 'must be at most 128 characters'],
      [{ title: han(43) }, 'title', 'must be at most 128 bytes of UTF-8'],
      [{ description: han(342) }, 'description', 'must be at most 1024 bytes of UTF-8'],
      [{ tags: tags(17) }, 'tags', 'must have at most 16 items'],
      [{ tags: ['ok', '标签标签标签标签标签标'] }, 'tags[1]', 'must be at most 32 bytes of UTF-8'],
      [{ tags: ['a,b'] }, 'tags[0]', 'must not contain a comma (Aliyun joins tags with commas)'],
    ]
    for (const [fields, path, message] of cases) {
      const problems = await importer.validate(video(fields))
      assert.deepEqual(problems, [{ path: `tenants[0].videos[0].${path}`, message }], path)
      await assert.rejects(importer.apply(video(fields)), ImportRejectedError)
    }
  })
})
