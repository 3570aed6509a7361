import { test } from 'node:test'
import assert from 'node:assert/strict'
import { IdentityGraph } from './identity-graph.ts'
import { toIdentifier, type Identifier, type IdentifierKind } from './identifier.ts'

function graph(): IdentityGraph {
  let n = 0
  return new IdentityGraph(() => `p${++n}`)
}
function id(kind: IdentifierKind, value: string): Identifier {
  const result = toIdentifier(kind, value)
  assert.ok(result, `${kind} ${value} should be a real identifier`)
  return result
}

test('an anonymous visitor who identifies keeps one person', () => {
  const g = graph()
  const anon = g.resolve([id('anonymous_id', 'a1')])
  const identified = g.resolve([id('user_id', 'u1'), id('anonymous_id', 'a1')])
  assert.equal(identified.personId, anon.personId)
  assert.deepEqual(
    identified.changes.map((c) => c.type),
    ['link'],
  )
  assert.equal(g.isIdentified(anon.personId), true)
})

test('a second device merges its anonymous person into the known user', () => {
  const g = graph()
  const desktop = g.resolve([id('user_id', 'u1'), id('anonymous_id', 'a1')]).personId
  const phone = g.resolve([id('anonymous_id', 'a2')]).personId
  assert.notEqual(desktop, phone)
  const login = g.resolve([id('user_id', 'u1'), id('anonymous_id', 'a2')])
  assert.equal(login.personId, desktop)
  assert.deepEqual(login.changes, [{ type: 'merge', from: phone, into: desktop }])
  assert.equal(g.canonical(phone), desktop)
  assert.deepEqual(g.mergedIds(desktop).sort(), [desktop, phone].sort())
  assert.equal(g.lookup(id('anonymous_id', 'a2')), desktop)
})

test('two identified persons are never merged by an identify, only explicitly', () => {
  const g = graph()
  const alice = g.resolve([id('user_id', 'alice'), id('anonymous_id', 'shared-tablet')]).personId
  const bob = g.resolve([id('user_id', 'bob')]).personId
  const r = g.resolve([id('user_id', 'bob'), id('anonymous_id', 'shared-tablet')])
  assert.equal(r.personId, bob)
  assert.deepEqual(r.changes, [])
  assert.deepEqual(r.conflicts, [id('anonymous_id', 'shared-tablet')])
  assert.notEqual(g.canonical(alice), g.canonical(bob))

  const changes = g.merge(bob, alice)
  assert.deepEqual(changes, [{ type: 'merge', from: bob, into: alice }])
  assert.equal(g.lookup(id('user_id', 'bob')), alice)
})

test('an e-mail trait links offline contacts to the online person', () => {
  const g = graph()
  const store = g.resolve([id('email', 'Jana@Example.de ')]).personId
  const online = g.resolve([id('user_id', 'u7'), id('email', 'jana@example.de'), id('anonymous_id', 'a7')])
  assert.equal(online.personId, store)
  assert.equal(g.isIdentified(store), true)
})

test('merges are transitive and flattened onto the survivor', () => {
  const g = graph()
  const a = g.resolve([id('anonymous_id', 'a')]).personId
  const b = g.resolve([id('anonymous_id', 'b')]).personId
  g.resolve([id('anonymous_id', 'a'), id('anonymous_id', 'b')]) // b merged into a
  const u = g.resolve([id('user_id', 'u')]).personId
  const r = g.resolve([id('user_id', 'u'), id('anonymous_id', 'b')])
  assert.equal(r.personId, u)
  assert.deepEqual(
    r.changes.map((c) => (c.type === 'merge' ? `${c.from}->${c.into}` : 'link')).sort(),
    [`${a}->${u}`, `${b}->${u}`].sort(),
  )
  assert.equal(g.canonical(b), u)
})

test('placeholders never become identifiers', () => {
  for (const raw of [
    'undefined',
    'null',
    'anonymous',
    'guest',
    '0',
    '[object Object]',
    'NaN',
    '',
    '  ',
    '000',
  ]) {
    assert.equal(toIdentifier('user_id', raw), undefined, raw)
  }
  assert.equal(toIdentifier('email', 'not-an-email'), undefined)
  assert.equal(toIdentifier('phone', '+49 (30) 1234-567')?.value, '+49301234567')
  assert.equal(toIdentifier('phone', '0049 30 1234567')?.value, '+49301234567')
})

test('loading persisted links and merges restores the same answers', () => {
  const g = graph()
  g.loadLink(id('user_id', 'u1'), 'p1')
  g.loadLink(id('anonymous_id', 'a1'), 'p1')
  g.loadLink(id('anonymous_id', 'a2'), 'p2')
  g.loadMerge('p2', 'p1')
  g.finishLoading()
  assert.equal(g.lookup(id('anonymous_id', 'a2')), 'p1')
  assert.equal(g.isIdentified('p2'), true)
  assert.deepEqual(g.mergedIds('p1').sort(), ['p1', 'p2'])
})

test('a new user on a device that belongs to someone else gets a person of their own', () => {
  const g = graph()
  const alice = g.resolve([id('user_id', 'alice'), id('anonymous_id', 'tablet')]).personId
  const bob = g.resolve([id('user_id', 'bob'), id('anonymous_id', 'tablet')])
  assert.notEqual(bob.personId, alice)
  assert.deepEqual(bob.conflicts, [id('anonymous_id', 'tablet')])
  assert.equal(g.lookup(id('anonymous_id', 'tablet')), alice)
  assert.equal(g.lookup(id('user_id', 'bob')), bob.personId)
})

test('an alias gives an identified person a second user id', () => {
  const g = graph()
  const p = g.resolve([id('user_id', 'old'), id('anonymous_id', 'a')]).personId
  const r = g.resolve([id('user_id', 'new'), id('user_id', 'old')], { alias: true })
  assert.equal(r.personId, p)
  assert.equal(g.lookup(id('user_id', 'new')), p)
})

test('a forgotten person loses every identifier and merge; the same ids then start a fresh person', () => {
  const g = graph()
  const alice = g.resolve([id('user_id', 'alice'), id('anonymous_id', 'tablet')]).personId
  const phone = g.resolve([id('anonymous_id', 'phone')]).personId
  g.merge(phone, alice)
  const bob = g.resolve([id('user_id', 'bob')]).personId
  const forgotten = g.forget(phone)
  assert.deepEqual(new Set(forgotten), new Set([alice, phone]))
  for (const [kind, value] of [
    ['user_id', 'alice'],
    ['anonymous_id', 'tablet'],
    ['anonymous_id', 'phone'],
  ] as const) {
    assert.equal(g.lookup(id(kind, value)), undefined, `${kind} ${value} is forgotten`)
  }
  assert.equal(g.lookup(id('user_id', 'bob')), bob, 'other persons are untouched')
  const again = g.resolve([id('user_id', 'alice')]).personId
  assert.notEqual(again, alice)
  assert.equal(g.isIdentified(again), true)
  assert.deepEqual(g.mergedIds(again), [again])
})
