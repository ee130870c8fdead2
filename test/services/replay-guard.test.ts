// Replay guard over every SharedState: one use per nonce and scope within the window, shared by
// sibling replicas, with bounded and collision-free keys.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { SharedState } from '../../src/core/shared-state.ts'
import { nodeCrypto } from '../../src/platform/node/crypto.ts'
import { createReplayGuard } from '../../src/services/replay-guard.ts'
import { SHARED_STATES } from '../helpers/shared-state.ts'

const reused = { name: 'AppError', code: 'NONCE_REUSED' }

// Records the keys the guard asks for, to check their shape.
function recording(state: SharedState): { state: SharedState; keys: string[] } {
  const keys: string[] = []
  return {
    keys,
    state: {
      ...state,
      remember: (key, ttl) => {
        keys.push(key)
        return state.remember(key, ttl)
      },
    },
  }
}

for (const kind of SHARED_STATES) {
  describe(`replay guard on ${kind.name}`, () => {
    it('accepts a nonce once and rejects its reuse within the window', async (t) => {
      const { state } = await kind.create(t)
      const guard = createReplayGuard(state, nodeCrypto)
      await guard.checkNonce('LTAI-key', 'e3b0c442-98fc-1c14', 900)
      await assert.rejects(guard.checkNonce('LTAI-key', 'e3b0c442-98fc-1c14', 900), reused)
    })

    it('accepts the same nonce in another scope', async (t) => {
      const { state } = await kind.create(t)
      const guard = createReplayGuard(state, nodeCrypto)
      await guard.checkNonce('key-a', 'n1', 900)
      await guard.checkNonce('key-b', 'n1', 900)
    })

    it('accepts the nonce again once its window has passed', async (t) => {
      const { state, advance } = await kind.create(t)
      const guard = createReplayGuard(state, nodeCrypto)
      await guard.checkNonce('k', 'n1', 300)
      await advance(299_000)
      await assert.rejects(guard.checkNonce('k', 'n1', 300), reused)
      await advance(1000)
      await guard.checkNonce('k', 'n1', 300)
    })

    it(
      'rejects a request replayed to a sibling replica',
      { skip: kind.sharedAcrossInstances ? false : 'in-process state is per replica' },
      async (t) => {
        const { state, sibling } = await kind.create(t)
        await createReplayGuard(state, nodeCrypto).checkNonce('k', 'n1', 900)
        await assert.rejects(
          createReplayGuard(sibling(), nodeCrypto).checkNonce('k', 'n1', 900),
          reused,
        )
      },
    )

    it('keys short nonces verbatim as nonce:<scope>:<nonce>', async (t) => {
      const { state, keys } = recording((await kind.create(t)).state)
      await createReplayGuard(state, nodeCrypto).checkNonce('LTAI-key', 'a:b-c', 60)
      assert.deepEqual(keys, ['nonce:LTAI-key:a:b-c'])
    })

    it('hashes a long nonce into a bounded key, still telling long nonces apart', async (t) => {
      const { state, keys } = recording((await kind.create(t)).state)
      const guard = createReplayGuard(state, nodeCrypto)
      const long = 'x'.repeat(10_000)
      await guard.checkNonce('k', `${long}1`, 60)
      await guard.checkNonce('k', `${long}2`, 60)
      await assert.rejects(guard.checkNonce('k', `${long}1`, 60), reused)
      // SHA-256 is 32 bytes, 43 base64url characters.
      assert.ok(
        keys.every((key) => /^nonce:k:#[\w-]{43}$/.test(key)),
        keys.join(),
      )
      assert.equal(new Set(keys).size, 2)
    })

    it('does not let a nonce that looks like a hash collide with the hashed one', async (t) => {
      const { state, keys } = recording((await kind.create(t)).state)
      const guard = createReplayGuard(state, nodeCrypto)
      await guard.checkNonce('k', 'y'.repeat(100), 60)
      const hashed = keys[0]?.slice('nonce:k:'.length) ?? ''
      await guard.checkNonce('k', hashed, 60)
    })

    it('does not let a colon in the scope collide with a colon in the nonce', async (t) => {
      const { state } = await kind.create(t)
      const guard = createReplayGuard(state, nodeCrypto)
      await guard.checkNonce('a', 'b:c', 60)
      await guard.checkNonce('a:b', 'c', 60)
    })

    it('hashes a scope that needs it once, not on every request', async (t) => {
      const { state, keys } = recording((await kind.create(t)).state)
      let hashes = 0
      const counting = {
        ...nodeCrypto,
        hash: (...args: Parameters<typeof nodeCrypto.hash>) => {
          hashes++
          return nodeCrypto.hash(...args)
        },
      }
      const guard = createReplayGuard(state, counting)
      // Dialects scope nonces as `<dialect>:<credential>`: the colon makes the scope hashed.
      await guard.checkNonce('aliyun:LTAI-key', 'n1', 60)
      await guard.checkNonce('aliyun:LTAI-key', 'n2', 60)
      await assert.rejects(guard.checkNonce('aliyun:LTAI-key', 'n1', 60), reused)
      assert.equal(hashes, 1)
      const scope = keys[0]!.split(':')[1]!
      assert.match(scope, /^#[\w-]{43}$/)
      assert.deepEqual(keys, [`nonce:${scope}:n1`, `nonce:${scope}:n2`, `nonce:${scope}:n1`])
    })

    it('rejects an empty nonce', async (t) => {
      const { state } = await kind.create(t)
      await assert.rejects(createReplayGuard(state, nodeCrypto).checkNonce('k', '', 60), {
        code: 'INVALID_PARAMETER',
      })
    })
  })
}
