import {
  localize,
  SCORE_SCALES,
  isScoreType,
  type AnswerValue,
  type SurveyDefinition,
  type SurveyQuestion,
} from '@touchstone/core/surveys'

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
}

const UI: Record<string, Record<string, string>> = {
  de: {
    submit: 'Absenden',
    required: 'Pflichtfrage',
    errors: 'Bitte prüfen Sie Ihre Antworten:',
    thanks: 'Vielen Dank für Ihre Antwort!',
    missing:
      'Fast geschafft: Ihre Antworten sind gespeichert. Bitte beantworten Sie noch die markierten Fragen.',
    notFound: 'Diese Umfrage gibt es nicht (mehr).',
    closed: 'Diese Umfrage ist beendet.',
    language: 'Sprache',
  },
  en: {
    submit: 'Submit',
    required: 'required',
    errors: 'Please check your answers:',
    thanks: 'Thank you for your answer!',
    missing: 'Almost done: your answers are saved. Please answer the marked questions as well.',
    notFound: 'This survey does not exist (any more).',
    closed: 'This survey has ended.',
    language: 'Language',
  },
}

/** A fixed UI string in `lang` (German or English). */
export function uiText(lang: string, key: string): string {
  return (UI[lang] ?? UI.en)![key] ?? key
}

// Mobile first: one column, 44 px touch targets, visible focus, system fonts, no external assets.
const STYLE = `
*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1a1a1a;background:#f6f6f4}
main{max-width:40rem;margin:0 auto;padding:1rem}h1{font-size:1.4rem;margin:.5rem 0 1rem}
fieldset,.field{border:0;margin:0 0 1.25rem;padding:0}legend,label.q{font-weight:600;display:block;margin-bottom:.5rem}
.scale{display:flex;flex-wrap:wrap;gap:.35rem}.scale label,.choice label{display:flex;align-items:center;justify-content:center;min-width:2.75rem;min-height:2.75rem;border:1px solid #888;border-radius:.4rem;background:#fff;cursor:pointer;padding:.25rem .6rem}
.choice label{justify-content:flex-start;gap:.5rem;margin-bottom:.35rem}
.scale input{position:absolute;opacity:0;width:1px;height:1px}.scale input:checked+span{font-weight:700}
.scale label:has(input:checked){background:#1f4e79;color:#fff;border-color:#1f4e79}
.scale label:has(input:focus-visible),textarea:focus-visible,button:focus-visible,.choice input:focus-visible{outline:3px solid #d35400;outline-offset:2px}
.ends{display:flex;justify-content:space-between;font-size:.85rem;color:#555;margin-top:.25rem}
textarea{width:100%;min-height:6rem;font:inherit;padding:.5rem;border:1px solid #888;border-radius:.4rem}
button{font:inherit;font-weight:600;min-height:2.75rem;padding:.5rem 1.5rem;border:0;border-radius:.4rem;background:#1f4e79;color:#fff;cursor:pointer}
.errors{border:2px solid #b00020;background:#fff;padding:.75rem;margin-bottom:1rem}[aria-invalid=true] legend{color:#b00020}

.vh{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}nav{text-align:right;font-size:.9rem}nav a{color:#1f4e79;margin-left:.5rem}.req{color:#b00020}
`

function page(lang: string, title: string, body: string, nonce: string): string {
  return `<!doctype html>
<html lang="${escapeHtml(lang)}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)}</title><style nonce="${escapeHtml(nonce)}">${STYLE}</style></head>
<body><main>${body}</main></body></html>`
}

function scaleOf(q: SurveyQuestion): { min: number; max: number } {
  return isScoreType(q.type) ? SCORE_SCALES[q.type] : { min: q.min ?? 1, max: q.max ?? 5 }
}

function questionHtml(
  q: SurveyQuestion,
  lang: string,
  value: AnswerValue | undefined,
  invalid: boolean,
): string {
  const id = `q-${escapeHtml(q.id)}`
  const name = escapeHtml(q.id)
  const required = q.required || isScoreType(q.type)
  const mark = required
    ? ` <span class="req" aria-hidden="true">*</span><span class="vh">(${uiText(lang, 'required')})</span>`
    : ''
  const legend = `<legend id="${id}-legend">${escapeHtml(localize(q.text, lang))}${mark}</legend>`
  const inv = invalid ? ' aria-invalid="true"' : ''
  if (q.type === 'text') {
    return `<div class="field"><label class="q" for="${id}">${escapeHtml(localize(q.text, lang))}${mark}</label>
<textarea id="${id}" name="${name}" maxlength="5000"${required ? ' required' : ''}${inv}>${escapeHtml(typeof value === 'string' ? value : '')}</textarea></div>`
  }
  if (q.type === 'single' || q.type === 'multiple') {
    const type = q.type === 'single' ? 'radio' : 'checkbox'
    const chosen = new Set(Array.isArray(value) ? value : value === undefined ? [] : [String(value)])
    const options = (q.options ?? [])
      .map(
        (o) =>
          `<label><input type="${type}" name="${name}" value="${escapeHtml(o.id)}"${chosen.has(o.id) ? ' checked' : ''}> ${escapeHtml(localize(o.label, lang))}</label>`,
      )
      .join('\n')
    return `<fieldset class="choice" id="${id}"${inv}>${legend}${options}</fieldset>`
  }
  const { min, max } = scaleOf(q)
  const ends = q.minLabel || q.maxLabel
  const describedBy = ends ? ` aria-describedby="${id}-ends"` : ''
  const radios: string[] = []
  for (let v = min; v <= max; v++) {
    radios.push(
      `<label><input type="radio" name="${name}" value="${v}"${value === v ? ' checked' : ''}${v === min && required ? ' required' : ''}><span>${v}</span></label>`,
    )
  }
  const endsHtml = ends
    ? `<div class="ends" id="${id}-ends"><span>${min}: ${escapeHtml(localize(q.minLabel, lang))}</span><span>${max}: ${escapeHtml(localize(q.maxLabel, lang))}</span></div>`
    : ''
  return `<fieldset id="${id}"${inv}${describedBy}>${legend}<div class="scale">${radios.join('')}</div>${endsHtml}</fieldset>`
}

/** What the survey form shows. */
export interface SurveyPageInput {
  definition: SurveyDefinition
  lang: string
  /** Where the form posts (the same /s/:token). */
  action: string
  answers?: Record<string, AnswerValue>
  comment?: string
  errors?: string[]
  /** Question ids to mark (missing or invalid). */
  invalid?: string[]
  notice?: string
  nonce: string
}

/**
 * The hosted survey page: plain HTML form (works without JavaScript), one fieldset and legend
 * per question, every survey text escaped, language links for each survey language.
 */
export function renderSurveyPage(input: SurveyPageInput): string {
  const { definition: d, lang } = input
  const invalid = new Set(input.invalid ?? [])
  const langs = d.languages
    .filter((l) => l !== lang)
    .map(
      (l) =>
        `<a href="?lang=${escapeHtml(l)}" hreflang="${escapeHtml(l)}" lang="${escapeHtml(l)}">${escapeHtml(l.toUpperCase())}</a>`,
    )
    .join('')
  const errors = input.errors?.length
    ? `<div class="errors" role="alert"><p>${escapeHtml(uiText(lang, 'errors'))}</p><ul>${input.errors.map((e) => `<li>${escapeHtml(e)}</li>`).join('')}</ul></div>`
    : input.notice
      ? `<div class="errors" role="status"><p>${escapeHtml(input.notice)}</p></div>`
      : ''
  const intro = d.intro ? `<p>${escapeHtml(localize(d.intro, lang))}</p>` : ''
  const questions = d.questions
    .map((q) => questionHtml(q, lang, input.answers?.[q.id], invalid.has(q.id)))
    .join('\n')
  const followUp = d.followUp
    ? `<div class="field"><label class="q" for="q-comment">${escapeHtml(localize(d.followUp, lang))}</label>
<textarea id="q-comment" name="comment" maxlength="5000">${escapeHtml(input.comment ?? '')}</textarea></div>`
    : ''
  const body = `<nav aria-label="${escapeHtml(uiText(lang, 'language'))}">${langs}</nav>
<h1>${escapeHtml(d.name)}</h1>${intro}${errors}
<form method="post" action="${escapeHtml(input.action)}" accept-charset="utf-8">
<input type="hidden" name="lang" value="${escapeHtml(lang)}">
${questions}
${followUp}
<button type="submit">${escapeHtml(uiText(lang, 'submit'))}</button>
</form>`
  return page(lang, d.name, body, input.nonce)
}

/** The page after an answer (also for a repeated submit). */
export function renderThankYouPage(definition: SurveyDefinition, lang: string, nonce: string): string {
  const text = localize(definition.thankYou, lang) || uiText(lang, 'thanks')
  return page(
    lang,
    definition.name,
    `<h1>${escapeHtml(definition.name)}</h1><p role="status">${escapeHtml(text)}</p>`,
    nonce,
  )
}

/** A short page for an unknown token or a closed survey. */
export function renderMessagePage(lang: string, key: 'notFound' | 'closed', nonce: string): string {
  const text = uiText(lang, key)
  return page(lang, text, `<h1>${escapeHtml(text)}</h1>`, nonce)
}
