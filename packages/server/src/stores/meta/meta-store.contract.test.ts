import { after, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { META_DRIVERS } from '../../../test/meta-drivers.ts'
import type { MetaStore } from './meta-store.ts'

/** The contract every metadata driver must meet; run once per driver below. */
function contract(
  driver: string,
  open: () => Promise<{ store: MetaStore; cleanup: () => Promise<void> }>,
  skip: string | false,
) {
  describe(`MetaStore contract: ${driver}`, { skip }, () => {
    let store: MetaStore
    let cleanup: () => Promise<void> = async () => {}
    after(async () => {
      await store?.close()
      await cleanup()
    })

    test('opens, migrates and answers; migrating again is a no-op', async () => {
      ;({ store, cleanup } = await open())
      await store.ping()
      await store.migrate()
    })

    test('workspaces are created, listed and found; a malformed id finds nothing', async () => {
      const a = await store.createWorkspace('Nordlicht')
      const b = await store.createWorkspace('Südwind')
      assert.equal((await store.getWorkspace(a.id))?.name, 'Nordlicht')
      assert.deepEqual(
        (await store.listWorkspaces()).map((w) => w.id),
        [a.id, b.id],
      )
      assert.equal(await store.getWorkspace("x' OR 1=1 --"), undefined)
    })

    test('users are unique by e-mail, case-insensitively, and hold a role per workspace', async () => {
      const ws = await store.createWorkspace('Roles')
      const user = await store.createUser({
        email: 'Ana@Example.de',
        name: 'Ana',
        passwordHash: '$argon2id$x',
      })
      assert.equal((await store.findUserByEmail('ana@example.DE'))?.id, user.id)
      await assert.rejects(store.createUser({ email: 'ana@example.de', name: 'Dup', passwordHash: 'x' }))
      await store.addMember(ws.id, user.id, 'analyst')
      assert.equal(await store.memberRole(ws.id, user.id), 'analyst')
      await store.addMember(ws.id, user.id, 'admin')
      assert.equal(await store.memberRole(ws.id, user.id), 'admin')
    })

    test('memberships of a user are listed oldest first, with the workspace name', async () => {
      const first = await store.createWorkspace('First')
      const second = await store.createWorkspace('Second')
      const user = await store.createUser({ email: 'mo@example.de', name: 'Mo', passwordHash: 'x' })
      assert.deepEqual(await store.listMemberships(user.id), [])
      await store.addMember(first.id, user.id, 'viewer')
      await store.addMember(second.id, user.id, 'agent')
      assert.deepEqual(await store.listMemberships(user.id), [
        { workspaceId: first.id, workspaceName: 'First', role: 'viewer' },
        { workspaceId: second.id, workspaceName: 'Second', role: 'agent' },
      ])
      assert.deepEqual(await store.listMemberships('not-a-uuid'), [])
    })

    test('keys are found by hash while active, revoked only in their own workspace', async () => {
      const ws = await store.createWorkspace('Keys')
      const other = await store.createWorkspace('Other')
      const key = await store.createApiKey({
        workspaceId: ws.id,
        kind: 'secret',
        role: 'analyst',
        name: 'ci',
        prefix: 'tss_abcd',
        keyHash: 'hash-1',
      })
      assert.equal((await store.findActiveKey('hash-1'))?.id, key.id)
      assert.equal(await store.revokeApiKey(other.id, key.id), false, 'another workspace cannot revoke it')
      assert.equal((await store.findActiveKey('hash-1'))?.id, key.id)
      await store.touchApiKeys([key.id], new Date('2026-01-02T03:04:05Z'))
      assert.equal((await store.listApiKeys(ws.id))[0]?.lastUsedAt?.toISOString(), '2026-01-02T03:04:05.000Z')
      assert.equal(await store.revokeApiKey(ws.id, key.id), true)
      assert.equal(await store.findActiveKey('hash-1'), undefined)
      assert.deepEqual(await store.listApiKeys(other.id), [])
    })
  })
}

for (const driver of META_DRIVERS) contract(driver.name, driver.open, driver.skip)
