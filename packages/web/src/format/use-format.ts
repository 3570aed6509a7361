import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'

/** Number and date formatting in the language the user picked (de: 1.234,5 · 31.12.2026). */
export function useFormat() {
  const { i18n } = useTranslation()
  const locale = i18n.language === 'de' ? 'de-DE' : 'en-GB'
  return useMemo(() => {
    const integer = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 })
    const decimal = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 })
    const precise = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 })
    const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 })
    const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' })
    const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' })
    const toDate = (v: string | number | Date) => (v instanceof Date ? v : new Date(v))
    return {
      locale,
      integer: (n: number) => integer.format(n),
      number: (n: number) => decimal.format(n),
      /** Two decimals, for values on small scales (sentiment −1…1). */
      precise: (n: number) => precise.format(n),
      /** A share 0…1 as a percentage (0.253 → 25.3 %). */
      percent: (share: number) => percent.format(share),
      date: (v: string | number | Date | null | undefined) => (v == null ? '—' : date.format(toDate(v))),
      dateTime: (v: string | number | Date | null | undefined) =>
        v == null ? '—' : dateTime.format(toDate(v)),
    }
  }, [locale])
}
