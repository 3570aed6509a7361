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

    test('workspace settings start empty; an update replaces named keys and keeps the others', async () => {
      const ws = await store.createWorkspace('Settings')
      const other = await store.createWorkspace('Other settings')
      assert.deepEqual(await store.workspaceSettings(ws.id), {})
      assert.equal(await store.updateWorkspaceSettings(ws.id, { journey: { stageRules: [1] }, a: 1 }), true)
      assert.equal(await store.updateWorkspaceSettings(ws.id, { journey: { stageRules: [2] } }), true)
      assert.deepEqual(await store.workspaceSettings(ws.id), { journey: { stageRules: [2] }, a: 1 })
      assert.deepEqual(await store.workspaceSettings(other.id), {})
      // A quote in a value is data, not SQL.
      await store.updateWorkspaceSettings(ws.id, { a: "x' || '{}' --" })
      assert.equal((await store.workspaceSettings(ws.id))?.a, "x' || '{}' --")
      assert.equal(await store.workspaceSettings('not-a-uuid'), undefined)
      assert.equal(
        await store.updateWorkspaceSettings('00000000-0000-4000-8000-000000000000', { a: 1 }),
        false,
      )
      assert.equal(await store.workspaceSettings('00000000-0000-4000-8000-000000000000'), undefined)
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

    test('members are listed per workspace; the last owner can be neither demoted nor removed', async () => {
      const ws = await store.createWorkspace('Members')
      const other = await store.createWorkspace('Members elsewhere')
      const o1 = await store.createUser({ email: 'o1@members.de', name: 'O1', passwordHash: 'x' })
      const o2 = await store.createUser({ email: 'o2@members.de', name: 'O2', passwordHash: 'x' })
      await store.addMember(ws.id, o1.id, 'owner')
      await store.addMember(ws.id, o2.id, 'owner')
      await store.addMember(other.id, o1.id, 'owner')
      assert.deepEqual(
        (await store.listMembers(ws.id)).map((m) => [m.email, m.role]),
        [
          ['o1@members.de', 'owner'],
          ['o2@members.de', 'owner'],
        ],
      )
      assert.equal(await store.changeMemberRole(other.id, o2.id, 'viewer'), 'not_found')
      assert.equal(await store.changeMemberRole(ws.id, o2.id, 'admin'), 'ok')
      assert.equal(await store.changeMemberRole(ws.id, o1.id, 'admin'), 'last_owner')
      assert.equal(await store.removeMember(ws.id, o1.id), 'last_owner')
      assert.equal(await store.changeMemberRole(ws.id, o1.id, 'owner'), 'ok', 'owner stays owner')
      assert.equal(await store.removeMember(ws.id, o2.id), 'ok')
      assert.equal(await store.memberRole(ws.id, o2.id), undefined)
      assert.equal(await store.removeMember(ws.id, 'not-a-uuid'), 'not_found')
      assert.equal(await store.memberRole(other.id, o1.id), 'owner', 'other workspaces untouched')
    })

    test('concurrent demotions of the last two owners: exactly one succeeds', async () => {
      const ws = await store.createWorkspace('Race')
      const users = await Promise.all(
        ['r1', 'r2'].map((n) => store.createUser({ email: `${n}@race.de`, name: n, passwordHash: 'x' })),
      )
      for (const u of users) await store.addMember(ws.id, u.id, 'owner')
      const results = await Promise.all(users.map((u) => store.changeMemberRole(ws.id, u.id, 'analyst')))
      assert.deepEqual([...results].sort(), ['last_owner', 'ok'])
      assert.equal((await store.listMembers(ws.id)).filter((m) => m.role === 'owner').length, 1)
    })

    test('failed logins lock at the limit and count again; a new password unlocks and is dated', async () => {
      const user = await store.createUser({ email: 'lock@example.de', name: 'L', passwordHash: 'old' })
      for (let i = 1; i < 3; i++) {
        const state = await store.recordFailedLogin(user.id, 3, 60_000)
        assert.deepEqual(state, { failedLogins: i, lockedUntil: null })
      }
      const locked = await store.recordFailedLogin(user.id, 3, 60_000)
      assert.equal(locked.failedLogins, 0)
      const ms = (locked.lockedUntil?.getTime() ?? 0) - Date.now()
      assert.ok(ms > 50_000 && ms <= 61_000, `locked for ${ms} ms`)
      assert.equal((await store.getUser(user.id))?.lockedUntil?.getTime(), locked.lockedUntil?.getTime())
      const before = Date.now()
      assert.equal(await store.setPassword(user.id, 'new'), true)
      const after = await store.getUser(user.id)
      assert.equal(after?.passwordHash, 'new')
      assert.equal(after?.lockedUntil, null)
      assert.ok((after?.passwordChangedAt?.getTime() ?? 0) >= before)
      await store.recordFailedLogin(user.id, 3, 60_000)
      await store.clearFailedLogins(user.id)
      assert.equal((await store.getUser(user.id))?.failedLogins, 0)
      assert.equal(await store.getUser('not-a-uuid'), undefined)
    })

    test('revoked sessions are remembered until they expire', async () => {
      await store.revokeSession('sid-live', new Date(Date.now() + 60_000))
      await store.revokeSession('sid-live', new Date(Date.now() + 60_000))
      await store.revokeSession('sid-old', new Date(Date.now() - 1_000))
      assert.equal(await store.isSessionRevoked('sid-live'), true)
      assert.equal(await store.isSessionRevoked('sid-old'), false, 'expired: its cookie is dead anyway')
      assert.equal(await store.isSessionRevoked("x' OR '1'='1"), false)
    })

    test('the audit log lists a workspace’s entries newest first, by action, prefix, time and cursor', async () => {
      const ws = await store.createWorkspace('Audit')
      const other = await store.createWorkspace('Audit elsewhere')
      const base = { actor: 'key-1', target: 't', details: { n: 1 }, ip: '10.0.0.1' }
      const e1 = await store.audit.append({ ...base, workspaceId: ws.id, action: 'key.created' })
      const e2 = await store.audit.append({ ...base, workspaceId: ws.id, action: 'member.added' })
      const e3 = await store.audit.append({ ...base, workspaceId: ws.id, action: 'member.role_changed' })
      await store.audit.append({ ...base, workspaceId: other.id, action: 'key.created' })
      // `_` is a LIKE wildcard: a prefix holding one must still match literally.
      await store.audit.append({ ...base, workspaceId: ws.id, action: 'member.roleXchanged.x' })
      const ids = async (f: Partial<Parameters<typeof store.audit.list>[1]>) =>
        (await store.audit.list(ws.id, { limit: 10, ...f })).map((e) => e.id)
      assert.deepEqual((await ids({})).slice(1), [e3.id, e2.id, e1.id])
      assert.deepEqual(await ids({ action: 'key.created' }), [e1.id])
      assert.deepEqual((await ids({ action: 'member.*' })).slice(1), [e3.id, e2.id])
      assert.deepEqual(await ids({ action: 'member.role_changed.*' }), [])
      assert.deepEqual(await ids({ action: 'member.role_changed' }), [e3.id])
      assert.deepEqual(await ids({ before: e3.id, limit: 1 }), [e2.id])
      assert.deepEqual(await ids({ from: new Date(Date.now() + 60_000) }), [])
      assert.deepEqual(await ids({ to: new Date(e1.at.getTime() - 1) }), [])
      assert.deepEqual(e1.details, { n: 1 })
      assert.deepEqual(await store.audit.list('not-a-uuid', { limit: 10 }), [])
    })
  })
}

for (const driver of META_DRIVERS) contract(driver.name, driver.open, driver.skip)
