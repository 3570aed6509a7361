import { test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { asStoredText } from '../../../test/hostile-input.ts'
import { wellFormedJson } from './well-formed-json.ts'

test('unpaired surrogates become U+FFFD; pairs, literal backslash-u text and the rest stay', () => {
  const cases: Array<[string, string]> = [
    ['\ud800', '\ufffd'],
    ['x\udfffy', 'x\ufffdy'],
    ['\ud800\ud800', '\ufffd\ufffd'],
    ['😀', '😀'],
    ['\\ud800', '\\ud800'],
    ['\\\ud800', '\\\ufffd'],
    ['\udc00\ud83d\ude00', '\ufffd😀'],
  ]
  for (const [input, expected] of cases) {
    assert.equal(JSON.parse(wellFormedJson(JSON.stringify({ k: input }))).k, expected, JSON.stringify(input))
  }
})

test('for any string, the result parses to its well-formed version', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary', maxLength: 30 }), (s) => {
      const parsed = JSON.parse(wellFormedJson(JSON.stringify({ value: s, keys: { [s]: s } }))) as {
        value: string
        keys: Record<string, string>
      }
      const expected = asStoredText(s)
      assert.equal(parsed.value, expected)
      assert.equal(parsed.keys[expected], expected)
    }),
  )
})
