import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { test } from 'node:test'
import { summarizeTransactions, type Transaction } from './customer-summary.ts'

const CDNOW = new URL('../../../../../shared/data/cdnow/', import.meta.url)

test('same-day purchases merge; monetary value is the mean of repeat purchases only', () => {
  const transactions: Transaction[] = [
    { customerId: 'a', date: '2024-01-01', amount: 100 },
    { customerId: 'a', date: '2024-01-08T10:00:00Z', amount: 10 },
    { customerId: 'a', date: '2024-01-08T18:00:00Z', amount: 20 },
    { customerId: 'a', date: '2024-01-15', amount: 50 },
    { customerId: 'b', date: '2024-01-29', amount: 5 },
    { customerId: 'c', date: '2024-02-20', amount: 5 }, // after the end: ignored
  ]
  const summaries = summarizeTransactions(transactions, { observationEnd: '2024-01-29', timeUnit: 'weeks' })
  assert.deepEqual(summaries, [
    { customerId: 'a', frequency: 2, recency: 2, age: 4, monetaryValue: 40 },
    { customerId: 'b', frequency: 0, recency: 0, age: 0, monetaryValue: 0 },
  ])
  const days = summarizeTransactions(transactions, { observationEnd: '2024-01-29', timeUnit: 'days' })
  assert.deepEqual([days[0]!.recency, days[0]!.age], [14, 28])
})

test('the CDNOW calibration summary is reproduced from the raw CDNOW sample transactions', () => {
  // CDNOW_sample.txt: master id, sample id, YYYYMMDD, number of CDs, dollar value (README.md).
  const transactions: Transaction[] = readFileSync(new URL('CDNOW_sample.txt', CDNOW), 'utf8')
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const [, sampleId, date, , amount] = line.trim().split(/\s+/)
      return { customerId: String(Number(sampleId)), date: date!, amount: Number(amount) }
    })
  const summaries = summarizeTransactions(transactions, { observationEnd: '1997-09-30', timeUnit: 'weeks' })
  const expected = readFileSync(new URL('cdnow_customers_summary_with_transactions.csv', CDNOW), 'utf8')
    .trim()
    .split(/\r?\n/)
    .slice(1)
    .map((line) => line.split(',').map(Number))
  assert.equal(summaries.length, 2357)
  const byId = new Map(summaries.map((s) => [s.customerId, s]))
  let totalFrequency = 0
  for (const [id, x, tx, T, zbar] of expected) {
    const s = byId.get(String(id))!
    totalFrequency += s.frequency
    assert.equal(s.frequency, x, `frequency of ${id}`)
    // The files round to 2 dp; zbar is rounded half-up.
    assert.ok(Math.abs(s.recency - tx!) <= 0.005 + 1e-9, `recency of ${id}: ${s.recency} vs ${tx}`)
    assert.ok(Math.abs(s.age - T!) <= 0.005 + 1e-9, `age of ${id}: ${s.age} vs ${T}`)
    assert.ok(
      Math.abs(s.monetaryValue - zbar!) <= 0.005 + 1e-9,
      `monetary value of ${id}: ${s.monetaryValue} vs ${zbar}`,
    )
  }
  assert.equal(totalFrequency, 2457)
})
