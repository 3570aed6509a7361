// Values that SDKs, templates and careless integrations send in place of a real identifier.
// Linking on one of them would merge thousands of unrelated customers into one person — the
// failure that plagues peers ("the `null` user with 40,000 devices"). They never link anything.
const PLACEHOLDERS = new Set([
  '',
  'undefined',
  'null',
  'nil',
  'none',
  'nan',
  'anonymous',
  'anon',
  'guest',
  'user',
  'unknown',
  'not_authenticated',
  'not authenticated',
  'distinct_id',
  'distinctid',
  'id',
  'email',
  'test',
  'true',
  'false',
  '0',
  '-1',
  '[object object]',
  'n/a',
  'na',
  '00000000-0000-0000-0000-000000000000',
])

/** True when `value` is missing or a known placeholder such as "undefined", "guest" or "0". */
export function isPlaceholderId(value: unknown): boolean {
  if (value === undefined || value === null) return true
  if (typeof value !== 'string' && typeof value !== 'number') return true
  const text = String(value).trim().toLowerCase()
  return PLACEHOLDERS.has(text) || /^0+$/.test(text) || /^[\s"'`]*$/.test(text)
}

/** The identifier as text, trimmed; `undefined` when it is a placeholder. */
export function realId(value: unknown): string | undefined {
  if (isPlaceholderId(value)) return undefined
  return String(value).trim()
}
