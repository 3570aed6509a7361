import type { SurveyDefinition } from '@touchstone/core/surveys'

const WHY = {
  de: 'Was ist der wichtigste Grund für Ihre Bewertung?',
  en: 'What is the main reason for your score?',
}
const THANKS = {
  de: 'Danke! Ihr Feedback hilft uns, besser zu werden.',
  en: 'Thank you! Your feedback helps us improve.',
}

/** The surveys of the demo workspace, keyed by what triggers them. */
export const DEMO_SURVEYS = {
  delivery: {
    name: 'NPS nach der Lieferung',
    kind: 'nps',
    languages: ['de', 'en'],
    intro: { de: 'Ihre Bestellung ist angekommen.', en: 'Your order has arrived.' },
    questions: [
      {
        id: 'score',
        type: 'nps',
        text: {
          de: 'Wie wahrscheinlich ist es, dass Sie Nordlicht einer Freundin oder einem Kollegen empfehlen?',
          en: 'How likely are you to recommend Nordlicht to a friend or colleague?',
        },
        minLabel: { de: 'unwahrscheinlich', en: 'not at all likely' },
        maxLabel: { de: 'äußerst wahrscheinlich', en: 'extremely likely' },
      },
      {
        id: 'aspect',
        type: 'single',
        text: {
          de: 'Was hat Ihre Bewertung am meisten beeinflusst?',
          en: 'What influenced your score most?',
        },
        options: [
          { id: 'delivery', label: { de: 'Lieferung', en: 'Delivery' } },
          { id: 'product', label: { de: 'Produkt', en: 'Product' } },
          { id: 'price', label: { de: 'Preis', en: 'Price' } },
          { id: 'service', label: { de: 'Service', en: 'Service' } },
        ],
      },
    ],
    followUp: WHY,
    thankYou: THANKS,
  },
  service: {
    name: 'Zufriedenheit mit dem Kundenservice',
    kind: 'csat',
    languages: ['de', 'en'],
    questions: [
      {
        id: 'score',
        type: 'csat',
        text: {
          de: 'Wie zufrieden waren Sie mit der Lösung Ihres Anliegens?',
          en: 'How satisfied were you with how we handled your request?',
        },
        minLabel: { de: 'sehr unzufrieden', en: 'very dissatisfied' },
        maxLabel: { de: 'sehr zufrieden', en: 'very satisfied' },
      },
    ],
    followUp: WHY,
    thankYou: THANKS,
  },
  purchase: {
    name: 'Zufriedenheit mit dem Einkauf',
    kind: 'csat',
    languages: ['de', 'en'],
    questions: [
      {
        id: 'score',
        type: 'csat',
        text: {
          de: 'Wie zufrieden sind Sie mit Ihrem Einkauf?',
          en: 'How satisfied are you with your purchase?',
        },
        minLabel: { de: 'sehr unzufrieden', en: 'very dissatisfied' },
        maxLabel: { de: 'sehr zufrieden', en: 'very satisfied' },
      },
    ],
    followUp: WHY,
    thankYou: THANKS,
  },
  returns: {
    name: 'Aufwand bei der Rücksendung',
    kind: 'ces',
    languages: ['de', 'en'],
    questions: [
      {
        id: 'score',
        type: 'ces',
        text: { de: 'Wie aufwendig war Ihre Rücksendung?', en: 'How much effort did your return take?' },
        minLabel: { de: 'sehr einfach', en: 'very easy' },
        maxLabel: { de: 'sehr aufwendig', en: 'very difficult' },
      },
    ],
    followUp: WHY,
    thankYou: THANKS,
  },
  store: {
    name: 'Ihr Besuch in der Filiale',
    kind: 'nps',
    languages: ['de', 'en'],
    questions: [
      {
        id: 'score',
        type: 'nps',
        text: {
          de: 'Wie wahrscheinlich empfehlen Sie unsere Filiale weiter?',
          en: 'How likely are you to recommend our store?',
        },
        minLabel: { de: 'unwahrscheinlich', en: 'not at all likely' },
        maxLabel: { de: 'äußerst wahrscheinlich', en: 'extremely likely' },
      },
    ],
    followUp: WHY,
    thankYou: THANKS,
  },
  app: {
    name: 'App-Feedback',
    kind: 'custom',
    languages: ['de', 'en'],
    questions: [
      {
        id: 'rating',
        type: 'rating',
        min: 1,
        max: 5,
        required: true,
        text: { de: 'Wie gefällt Ihnen die Nordlicht-App?', en: 'How do you like the Nordlicht app?' },
      },
      {
        id: 'features',
        type: 'multiple',
        text: { de: 'Welche Funktionen nutzen Sie?', en: 'Which features do you use?' },
        options: [
          { id: 'wishlist', label: { de: 'Merkzettel', en: 'Wishlist' } },
          { id: 'ar', label: { de: 'Möbel im Raum ansehen', en: 'View furniture in your room' } },
          { id: 'tracking', label: { de: 'Sendungsverfolgung', en: 'Order tracking' } },
          { id: 'club', label: { de: 'Nordlicht Club', en: 'Nordlicht Club' } },
        ],
      },
      { id: 'wish', type: 'text', text: { de: 'Was sollen wir verbessern?', en: 'What should we improve?' } },
    ],
    thankYou: THANKS,
  },
} satisfies Record<string, SurveyDefinition>

export type DemoSurveyKey = keyof typeof DEMO_SURVEYS
