import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'

/** Number and date formatting in the language the user picked (de: 1.234,5 · 31.12.2026). */
export function useFormat() {
  const { i18n } = useTranslation()
  const locale = i18n.language === 'de' ? 'de-DE' : 'en-GB'
  return useMemo(() => {
    const integer = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 })
    const decimal = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 })
    const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' })
    const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' })
    const toDate = (v: string | number | Date) => (v instanceof Date ? v : new Date(v))
    return {
      locale,
      integer: (n: number) => integer.format(n),
      number: (n: number) => decimal.format(n),
      date: (v: string | number | Date | null | undefined) => (v == null ? '—' : date.format(toDate(v))),
      dateTime: (v: string | number | Date | null | undefined) =>
        v == null ? '—' : dateTime.format(toDate(v)),
    }
  }, [locale])
}
