// Name and place pools for synthetic customers. Frequent German given and family names, so the demo
// looks familiar; addresses use reserved example domains so no message can reach a real inbox.

/** Given names common in Germany (both genders). */
export const GERMAN_FIRST_NAMES = [
  'Anna',
  'Lena',
  'Julia',
  'Laura',
  'Sarah',
  'Lisa',
  'Katharina',
  'Sophie',
  'Marie',
  'Hannah',
  'Sandra',
  'Nicole',
  'Stefanie',
  'Claudia',
  'Sabine',
  'Petra',
  'Emma',
  'Mia',
  'Leonie',
  'Johanna',
  'Lukas',
  'Jonas',
  'Felix',
  'Maximilian',
  'Paul',
  'Leon',
  'Tim',
  'Jan',
  'Niklas',
  'Tobias',
  'Thomas',
  'Michael',
  'Andreas',
  'Stefan',
  'Christian',
  'Markus',
  'Florian',
  'Alexander',
  'Daniel',
  'Matthias',
  'Ayşe',
  'Mehmet',
  'Elif',
  'Can',
  'Jörg',
  'Björn',
  'Jürgen',
  'Günther',
] as const

/** Family names common in Germany. */
export const GERMAN_LAST_NAMES = [
  'Müller',
  'Schmidt',
  'Schneider',
  'Fischer',
  'Weber',
  'Meyer',
  'Wagner',
  'Becker',
  'Schulz',
  'Hoffmann',
  'Schäfer',
  'Koch',
  'Bauer',
  'Richter',
  'Klein',
  'Wolf',
  'Schröder',
  'Neumann',
  'Schwarz',
  'Zimmermann',
  'Braun',
  'Krüger',
  'Hofmann',
  'Hartmann',
  'Lange',
  'Schmitt',
  'Werner',
  'Schmitz',
  'Krause',
  'Meier',
  'Lehmann',
  'Schmid',
  'Schulze',
  'Maier',
  'Köhler',
  'Herrmann',
  'König',
  'Walter',
  'Mayer',
  'Huber',
  'Kaiser',
  'Fuchs',
  'Peters',
  'Lang',
  'Scholz',
  'Möller',
  'Weiß',
  'Jung',
  'Hahn',
  'Yılmaz',
  'Kaya',
  'Nowak',
  'Kowalski',
  'Petrović',
] as const

/** Names of English-speaking customers (expats, tourists, international buyers). */
export const ENGLISH_FIRST_NAMES = [
  'Emily',
  'Olivia',
  'Grace',
  'Chloe',
  'James',
  'Oliver',
  'Harry',
  'Jack',
  'Ethan',
  'Noah',
] as const
export const ENGLISH_LAST_NAMES = [
  'Smith',
  'Jones',
  'Taylor',
  'Brown',
  'Williams',
  'Wilson',
  'Evans',
  'Miller',
  'Davis',
  'Clarke',
] as const

/** Customer home cities: the four store cities first, then other large German cities. */
export const CITIES = [
  { city: 'Berlin', weight: 0.17, postalPrefix: '10' },
  { city: 'Hamburg', weight: 0.12, postalPrefix: '20' },
  { city: 'München', weight: 0.13, postalPrefix: '80' },
  { city: 'Köln', weight: 0.11, postalPrefix: '50' },
  { city: 'Frankfurt am Main', weight: 0.07, postalPrefix: '60' },
  { city: 'Stuttgart', weight: 0.06, postalPrefix: '70' },
  { city: 'Düsseldorf', weight: 0.06, postalPrefix: '40' },
  { city: 'Leipzig', weight: 0.05, postalPrefix: '04' },
  { city: 'Dresden', weight: 0.04, postalPrefix: '01' },
  { city: 'Hannover', weight: 0.04, postalPrefix: '30' },
  { city: 'Nürnberg', weight: 0.04, postalPrefix: '90' },
  { city: 'Bremen', weight: 0.03, postalPrefix: '28' },
  { city: 'Münster', weight: 0.03, postalPrefix: '48' },
  { city: 'Freiburg im Breisgau', weight: 0.03, postalPrefix: '79' },
  { city: 'Potsdam', weight: 0.02, postalPrefix: '14' },
] as const

/** Companies of B2B customers (hotels, offices, practices furnishing their rooms). */
export const COMPANY_NAMES = [
  'Hotel Seeblick',
  'Praxis am Markt',
  'Kanzlei Brandt & Partner',
  'Café Kleinod',
  'Agentur Weitblick',
  'Pension Sonnenhof',
  'Coworking Nordhafen',
  'Restaurant Lindenhof',
  'Architekturbüro Kern',
  'Studio Raumwerk',
] as const

/** Lower-case ASCII form of a name for e-mail addresses and slugs (ä → ae, ß → ss, ı → i). */
export function asciiName(name: string): string {
  return name
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .replace(/ş/g, 's')
    .replace(/ı/g, 'i')
    .replace(/ć/g, 'c')
    .replace(/[^a-z0-9]+/g, '-')
}
