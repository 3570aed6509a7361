import { test } from 'node:test'
import assert from 'node:assert/strict'
import { truncateIp } from './ip-address.ts'

test('IPv4 loses its last octet, IPv6 its last 80 bits; non-addresses are dropped', () => {
  assert.equal(truncateIp('203.0.113.195'), '203.0.113.0')
  assert.equal(truncateIp(' 10.1.2.3 '), '10.1.2.0')
  assert.equal(truncateIp('2001:0db8:85a3:0000:0000:8a2e:0370:7334'), '2001:db8:85a3::')
  assert.equal(truncateIp('2001:db8::1'), '2001:db8:0::')
  assert.equal(truncateIp('::1'), '0:0:0::')
  assert.equal(truncateIp('::ffff:192.0.2.128'), '::ffff:192.0.2.0')
  assert.equal(truncateIp('fe80::1%eth0'), 'fe80:0:0::')
  assert.equal(truncateIp('not an ip'), undefined)
  assert.equal(truncateIp(42), undefined)
})
