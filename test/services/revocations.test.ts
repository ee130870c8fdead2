// Revocation list over every SharedState: a revoked id stays revoked until the credential would
// have expired anyway, and every replica sees it.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createRevocationList } from '../../src/services/revocations.ts'
import { SHARED_STATES } from '../helpers/shared-state.ts'

for (const kind of SHARED_STATES) {
  describe(`revocation list on ${kind.name}`, () => {
    it('reports only revoked ids as revoked', async (t) => {
      const { state, clock } = await kind.create(t)
      const list = createRevocationList(state, clock)
      const now = clock.now() / 1000
      await list.revoke('tok_1', now + 3600)
      assert.equal(await list.isRevoked('tok_1'), true)
      assert.equal(await list.isRevoked('tok_2'), false)
    })

    it('forgets a revocation once the credential has expired', async (t) => {
      const { state, clock, advance } = await kind.create(t)
      const list = createRevocationList(state, clock)
      await list.revoke('tok_1', clock.now() / 1000 + 120)
      await advance(119_000)
      assert.equal(await list.isRevoked('tok_1'), true)
      await advance(1000)
      assert.equal(await list.isRevoked('tok_1'), false)
    })

    it('does nothing for a credential that has already expired', async (t) => {
      const { state, clock } = await kind.create(t)
      const list = createRevocationList(state, clock)
      await list.revoke('tok_1', clock.now() / 1000)
      await list.revoke('tok_2', clock.now() / 1000 - 60)
      assert.equal(await list.isRevoked('tok_1'), false)
      assert.equal(await list.isRevoked('tok_2'), false)
    })

    it(
      'is seen by a sibling replica',
      { skip: kind.sharedAcrossInstances ? false : 'in-process state is per replica' },
      async (t) => {
        const { state, clock, sibling } = await kind.create(t)
        await createRevocationList(state, clock).revoke('tok_1', clock.now() / 1000 + 60)
        assert.equal(await createRevocationList(sibling(), clock).isRevoked('tok_1'), true)
      },
    )
  })
}
