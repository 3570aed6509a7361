/** What a request tells about the language to show a survey in, strongest first. */
export interface LanguageHints {
  /** `?lang=` */
  param?: string | undefined
  /** The person's `locale` trait or the invitation's language. */
  preferred?: string | undefined
  /** The browser's Accept-Language header. */
  acceptLanguage?: string | undefined
}

function primary(tag: string): string {
  return tag.trim().toLowerCase().split(/[-_]/)[0] ?? ''
}

/**
 * The language to show a survey in: an explicit parameter, then the person's language, then
 * the browser's list by its q-weights, else the first language of the survey.
 * @example chooseLanguage(['de', 'en'], { acceptLanguage: 'fr-FR, en;q=0.8' }) → 'en'
 */
export function chooseLanguage(available: readonly string[], hints: LanguageHints): string {
  for (const hint of [hints.param, hints.preferred]) {
    if (hint && available.includes(primary(hint))) return primary(hint)
  }
  if (hints.acceptLanguage) {
    const ranked = hints.acceptLanguage
      .split(',')
      .slice(0, 20)
      .map((part, i) => {
        const [tag = '', ...params] = part.split(';')
        const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined)
        return { lang: primary(tag), q: q === undefined ? 1 : Number(q), i }
      })
      .filter((r) => r.q > 0 && available.includes(r.lang))
      .sort((a, b) => b.q - a.q || a.i - b.i)
    if (ranked[0]) return ranked[0].lang
  }
  return available[0] ?? 'en'
}

/** A text in `lang`, else English, else any language it has. */
export function localize(text: Record<string, string> | undefined, lang: string): string {
  if (!text) return ''
  return text[lang] ?? text.en ?? Object.values(text)[0] ?? ''
}
