// Survey comments of the demo workspace, written for it (not drawn from the labelled text
// corpus in packages/core, so the demo never leaks test data into what the analytics show).
// A comment is one or two fragments of a situation plus, sometimes, a closing remark; with the
// numbers and product names filled in that gives thousands of distinct, natural comments.
import type { Random } from '@touchstone/core/random'

/** What a comment is about; picked from what happened to the person. */
export type CommentSituation =
  | 'late-delivery'
  | 'good-delivery'
  | 'damaged'
  | 'hotline-bad'
  | 'service-good'
  | 'return-easy'
  | 'return-hard'
  | 'store-good'
  | 'store-bad'
  | 'price-high'
  | 'quality-good'
  | 'quality-bad'
  | 'app-bad'
  | 'billing'
  | 'neutral'

type Lines = Record<CommentSituation, readonly string[]>

const DE: Lines = {
  'late-delivery': [
    'Die Spedition hat den Liefertermin zweimal verschoben, ohne Bescheid zu geben.',
    'Angekündigt war {n} Tage, gedauert hat es fast doppelt so lang.',
    'Ich habe extra Urlaub genommen und dann kam niemand.',
    'Die Sendungsverfolgung hing tagelang auf demselben Status.',
    'Das Sofa kam eine Woche nach dem zugesagten Termin.',
    'Lieferung deutlich verspätet, die Info dazu kam erst auf Nachfrage.',
  ],
  'good-delivery': [
    'Die Lieferung kam sogar einen Tag früher als angekündigt.',
    'Die Fahrer haben den Schrank bis in den dritten Stock getragen, top!',
    'Pünktlich im vereinbarten Zeitfenster geliefert, so soll es sein.',
    'Gut verpackt, schnell da, alles vollständig.',
    'Die Lieferavis per SMS war sehr praktisch.',
  ],
  damaged: [
    'Die Tischplatte hatte einen tiefen Kratzer, der Ersatz dauert jetzt Wochen.',
    'Beim Auspacken war ein Glas zersprungen.',
    'Ein Schrankbein war abgebrochen, die Montage mussten wir abbrechen.',
    'Die Lampe kam mit einem Riss im Schirm an.',
    'Verpackung war durchnässt und der Bezug hatte Flecken.',
  ],
  'hotline-bad': [
    'Bei der Hotline kommt man einfach nicht durch.',
    'Nach {n} Minuten Warteschleife wurde ich rausgeworfen.',
    'Auf meine Mail hat nach einer Woche noch niemand geantwortet.',
    'Jedes Mal erzähle ich mein Anliegen von vorne, keiner weiß Bescheid.',
    'Der Rückruf wurde versprochen, aber nie gemacht.',
  ],
  'service-good': [
    'Die Dame am Telefon hat sich sofort gekümmert, vielen Dank!',
    'Schnelle und unkomplizierte Hilfe vom Kundenservice.',
    'Mein Problem wurde innerhalb eines Tages gelöst.',
    'Sehr kulant, der Ersatz war sofort unterwegs.',
    'Freundlich, kompetent und lösungsorientiert, so wünscht man sich Service.',
  ],
  'return-easy': [
    'Die Retoure ging ganz einfach über das Portal.',
    'Rücksendeetikett ausgedruckt, Paket abgegeben, Geld war nach drei Tagen zurück.',
    'Umtausch in der Filiale ohne Diskussion, prima.',
  ],
  'return-hard': [
    'Für die Rücksendung musste ich dreimal nachhaken.',
    'Die Abholung des Sperrguts zur Rückgabe war ein Krampf.',
    'Das Geld für die Retoure lässt seit Wochen auf sich warten.',
    'Das Retourenportal hat meine Bestellnummer nicht erkannt.',
  ],
  'store-good': [
    'Tolle Beratung in der Filiale, ich habe genau das Richtige gefunden.',
    'Der Verkäufer hat sich viel Zeit für uns genommen.',
    'Schöne Ausstellung, man bekommt richtig Lust aufs Einrichten.',
    'Die Deko-Ideen aus dem Workshop setze ich gerade zu Hause um.',
  ],
  'store-bad': [
    'Im Laden war niemand zu finden, der Ahnung hatte.',
    'An der Kasse standen wir zwanzig Minuten.',
    'Das ausgestellte Modell war nicht lieferbar, das hätte man vorher sagen können.',
  ],
  'price-high': [
    'Für den Preis hätte ich mehr erwartet.',
    'Die Versandkosten für Möbel sind happig.',
    'Im Vergleich zur Konkurrenz recht teuer.',
  ],
  'quality-good': [
    'Die Qualität ist super, der Stoff fühlt sich hochwertig an.',
    'Der Tisch ist stabil und sieht genauso aus wie auf den Fotos.',
    'Sehr gute Verarbeitung, wir sind rundum zufrieden.',
    'Das Bett ist bequem und war schnell aufgebaut.',
  ],
  'quality-bad': [
    'Der Bezug pillt schon nach wenigen Wochen.',
    'Die Schubladen klemmen, die Verarbeitung ist enttäuschend.',
    'Die Farbe weicht deutlich von der Abbildung ab.',
  ],
  'app-bad': [
    'Die App stürzt beim Bezahlen ständig ab.',
    'Auf der Website findet man die Lieferzeiten kaum.',
    'Der Login in der App funktioniert seit dem Update nicht mehr.',
  ],
  billing: [
    'Die Rechnung war falsch und die Korrektur hat ewig gedauert.',
    'Mir wurde der Betrag doppelt abgebucht.',
    'Der Gutschein wurde an der Kasse nicht angerechnet.',
  ],
  neutral: [
    'Alles in Ordnung, nichts Besonderes.',
    'Hat soweit gepasst.',
    'Bestellung kam an, mehr gibt es nicht zu sagen.',
    'Ganz okay.',
  ],
}

const EN: Lines = {
  'late-delivery': [
    'The courier moved the delivery date twice without letting me know.',
    'You promised {n} days and it took almost twice as long.',
    'I took a day off work and nobody turned up.',
    'Tracking showed the same status for days.',
    'The sofa arrived a week after the agreed date.',
  ],
  'good-delivery': [
    'Delivered a day earlier than announced.',
    'The drivers carried the wardrobe up three floors, brilliant!',
    'Arrived on time within the booked slot.',
    'Well packed, quick and complete.',
  ],
  damaged: [
    'The table top had a deep scratch and the replacement takes weeks.',
    'One of the glasses was shattered when I unpacked it.',
    'A leg of the cabinet was broken, we could not finish the assembly.',
    'The lamp arrived with a crack in the shade.',
  ],
  'hotline-bad': [
    'Impossible to get through to the hotline.',
    'After {n} minutes on hold the call was dropped.',
    'Nobody answered my email for a whole week.',
    'They promised to call me back and never did.',
  ],
  'service-good': [
    'The agent on the phone sorted it out straight away, thank you!',
    'Quick and easy help from customer service.',
    'My issue was solved within a day.',
    'Very accommodating, the replacement was sent immediately.',
  ],
  'return-easy': [
    'Returning the item through the portal was really easy.',
    'Printed the label, dropped off the parcel, refund arrived three days later.',
  ],
  'return-hard': [
    'I had to chase the return three times.',
    'Still waiting for my refund after several weeks.',
    'The returns portal did not recognise my order number.',
  ],
  'store-good': [
    'Great advice in the store, I found exactly what I needed.',
    'Our adviser in the showroom never rushed us and knew every fabric.',
    'Lovely showroom, it really makes you want to redecorate.',
  ],
  'store-bad': [
    'Could not find anyone in the shop who knew the products.',
    'We queued at the till for twenty minutes.',
  ],
  'price-high': [
    'For that price I expected more.',
    'Shipping costs for furniture are steep.',
    'Rather expensive compared with other shops.',
  ],
  'quality-good': [
    'Excellent quality, the fabric feels premium.',
    'The table is sturdy and looks exactly like the photos.',
    'Really well made, we are very happy with it.',
  ],
  'quality-bad': [
    'The cover started pilling after a few weeks.',
    'The drawers stick, disappointing workmanship.',
    'The colour is quite different from the picture.',
  ],
  'app-bad': [
    'The app keeps crashing at checkout.',
    'Hard to find delivery times on the website.',
    'Since the update I cannot log in to the app.',
  ],
  billing: [
    'The invoice was wrong and fixing it took ages.',
    'I was charged twice for the same order.',
    'My voucher was not applied at the till.',
  ],
  neutral: ['All fine, nothing special.', 'It was okay.', 'Order arrived, not much more to say.'],
}

const CLOSERS: Record<'de' | 'en', Record<'good' | 'bad' | 'mixed', readonly string[]>> = {
  de: {
    good: ['Gerne wieder!', 'Weiter so.', 'Ich empfehle euch auf jeden Fall weiter.', ''],
    bad: [
      'So nicht, Nordlicht.',
      'Schade, eigentlich mag ich eure Sachen.',
      'Ich überlege, woanders zu bestellen.',
      '',
    ],
    mixed: ['Ansonsten aber zufrieden.', 'Sonst passt alles.', ''],
  },
  en: {
    good: ['Will order again!', 'Keep it up.', 'Would definitely recommend you.', ''],
    bad: [
      'Not good enough.',
      'A shame, I actually like your products.',
      'I might shop elsewhere next time.',
      '',
    ],
    mixed: ['Otherwise happy though.', 'Everything else was fine.', ''],
  },
}

const POSITIVE = new Set<CommentSituation>([
  'good-delivery',
  'service-good',
  'return-easy',
  'store-good',
  'quality-good',
])

/** Every fragment of both languages (the test checks none is in the labelled corpus). */
export function allCommentFragments(): string[] {
  return [...Object.values(DE).flat(), ...Object.values(EN).flat()]
}

/**
 * A comment about `situations` in `lang`: the main situation, sometimes a second one, sometimes
 * a closing remark that matches the mood.
 */
export function demoComment(rng: Random, lang: 'de' | 'en', situations: readonly CommentSituation[]): string {
  const lines = lang === 'de' ? DE : EN
  const main = situations[0] ?? 'neutral'
  const fill = (s: string) => s.replace('{n}', String(lang === 'de' ? 3 + rng.int(40) : 3 + rng.int(40)))
  const parts = [fill(rng.pick(lines[main]))]
  const second = situations[1]
  if (second && rng.chance(0.5)) parts.push(fill(rng.pick(lines[second])))
  const mood = situations.every((s) => POSITIVE.has(s))
    ? 'good'
    : situations.some((s) => POSITIVE.has(s))
      ? 'mixed'
      : main === 'neutral'
        ? 'mixed'
        : 'bad'
  if (rng.chance(0.35)) {
    const closer = rng.pick(CLOSERS[lang][mood])
    if (closer) parts.push(closer)
  }
  return parts.join(' ')
}
