/**
 * One CSV field (RFC 4180). Cells that a spreadsheet would run as a formula (=, +, -, @, tab,
 * carriage return first) get a leading apostrophe: comments are customer-written (OWASP "CSV injection").
 */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return ''
  let text = typeof value === 'string' ? value : Array.isArray(value) ? value.join('|') : String(value)
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/** One CSV line, CRLF-terminated as RFC 4180 asks. */
export function csvLine(values: unknown[]): string {
  return `${values.map(csvField).join(',')}\r\n`
}
