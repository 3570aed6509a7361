// JSON.stringify writes an unpaired UTF-16 surrogate (text no Unicode encoding can hold, but
// which JSON.parse happily makes from `"\ud800"`) as a `\udXXX` escape. ClickHouse refuses such
// an escape and with it the whole insert, so one hostile string would fail every request of a
// group commit. A paired surrogate is never escaped by JSON.stringify, so every `\ud8xx`–`\udfxx`
// escape in its output is unpaired; it becomes U+FFFD, as any UTF-8 encoder would make it.
const UNPAIRED_ESCAPE = /(?<!\\)((?:\\\\)*)\\ud[89a-f][0-9a-f]{2}/g

/** JSON text from JSON.stringify with unpaired-surrogate escapes replaced by `\ufffd`. */
export function wellFormedJson(text: string): string {
  return text.includes('\\ud') ? text.replace(UNPAIRED_ESCAPE, '$1\\ufffd') : text
}
