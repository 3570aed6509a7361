import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'

// The CDNOW reference data, read in place from ../shared/data/cdnow (never copied into the repo).
const CDNOW = new URL('../../../../shared/data/cdnow/', import.meta.url)

/** The numeric rows of a CDNOW CSV below its header. */
export function cdnowRows(file: string): number[][] {
  return readFileSync(new URL(file, CDNOW), 'utf8')
    .trim()
    .split(/\r?\n/)
    .slice(1)
    .map((line) => line.split(',').map(Number))
}

/** Asserts |actual − expected| ≤ tolerance, naming what was compared. */
export function assertClose(actual: number, expected: number, tolerance: number, what = ''): void {
  assert.ok(
    Math.abs(actual - expected) <= tolerance,
    `${what} ${actual} is not within ${tolerance} of ${expected}`,
  )
}
