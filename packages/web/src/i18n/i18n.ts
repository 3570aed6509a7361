import i18next from 'i18next'
import { initReactI18next } from 'react-i18next'
import { de } from './de.ts'
import { en } from './en.ts'

export const LANGUAGES = ['de', 'en'] as const
export type Language = (typeof LANGUAGES)[number]
const STORAGE_KEY = 'touchstone.language'

/** The saved choice, else the browser's preference, else English. */
function initialLanguage(): Language {
  const saved = localStorage.getItem(STORAGE_KEY)
  if (saved === 'de' || saved === 'en') return saved
  return navigator.languages?.some((l) => l.toLowerCase().startsWith('de')) ? 'de' : 'en'
}

/** Creates the i18next instance (called once by main.tsx). */
export function createI18n() {
  const instance = i18next.createInstance()
  void instance.use(initReactI18next).init({
    resources: { en: { translation: en }, de: { translation: de } },
    lng: initialLanguage(),
    fallbackLng: 'en',
    // React escapes what it renders; i18next must not escape a second time.
    interpolation: { escapeValue: false },
    initAsync: false,
  })
  document.documentElement.lang = instance.language
  instance.on('languageChanged', (lng) => {
    document.documentElement.lang = lng
    localStorage.setItem(STORAGE_KEY, lng)
  })
  return instance
}
