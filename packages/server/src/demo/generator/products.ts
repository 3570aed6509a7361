/** One article of the demo shop's catalogue. */
export interface DemoProduct {
  productId: string
  sku: string
  name: string
  category: DemoCategory
  subcategory: string
  collection: string
  /** URL slug of the product page, e.g. `stehleuchte-lumen-p-1042`. */
  slug: string
  price: number // EUR, VAT included as German consumer prices are
  /** product_ids bought together with this one, strongest first (drives item-to-item signal). */
  complements: readonly string[]
  /** Typical quantity range in one order line. */
  maxQuantity: number
}

export type DemoCategory = 'Möbel' | 'Leuchten' | 'Textilien' | 'Küche' | 'Deko'

// Style collections: a price tier each, so the same article exists as a budget and a premium line.
const COLLECTIONS = {
  Fjord: 1.45,
  Isar: 1.25,
  Alster: 1.15,
  Lumen: 1.1,
  Birke: 1,
  Sylt: 0.95,
  Kiel: 0.85,
  Harz: 0.75,
} as const
type Collection = keyof typeof COLLECTIONS

interface ArticleType {
  key: string
  name: string
  category: DemoCategory
  basePrice: number
  collections: readonly Collection[]
  /** Article types customers add to the same basket (by key). */
  goesWith: readonly string[]
  maxQuantity: number
}

// Which collections an article type exists in: the furniture lines, the soft-furnishing lines …
const COLLECTION_GROUPS: Record<string, readonly Collection[]> = {
  all: ['Fjord', 'Isar', 'Alster', 'Lumen', 'Birke', 'Sylt', 'Kiel', 'Harz'],
  wide: ['Fjord', 'Alster', 'Lumen', 'Birke', 'Sylt', 'Harz'],
  furniture: ['Fjord', 'Isar', 'Alster', 'Birke', 'Kiel'],
  soft: ['Fjord', 'Alster', 'Sylt', 'Harz'],
  light: ['Fjord', 'Isar', 'Lumen', 'Birke', 'Kiel'],
  kitchen: ['Isar', 'Birke', 'Sylt', 'Harz'],
}

// key | name | category | base price | collections (a group or a list) | goes with | max quantity per line
const ARTICLE_TABLE = `
SOF | 3-Sitzer-Sofa            | Möbel     | 1309 | furniture              | KIS DEC CTI STL TEP | 1
SES | Sessel                   | Möbel     | 549  | furniture              | KIS STL DEC BEI     | 1
CTI | Couchtisch               | Möbel     | 329  | furniture              | SOF VAS TEP KER     | 1
EST | Esstisch                 | Möbel     | 899  | furniture              | STU PEN GES GLA     | 1
STU | Stuhl                    | Möbel     | 149  | furniture              | EST SIK PEN         | 6
BET | Bett 180x200             | Möbel     | 1099 | furniture              | BWS NTI TIL DEC     | 1
NTI | Nachttisch               | Möbel     | 179  | furniture              | BET TIL BWS         | 2
REG | Bücherregal              | Möbel     | 399  | furniture              | BIR VAS KER         | 1
KOM | Kommode                  | Möbel     | 649  | furniture              | SPI TIL VAS         | 1
SID | Sideboard                | Möbel     | 799  | Fjord,Isar,Birke,Kiel  | VAS TIL BIR         | 1
BEI | Beistelltisch            | Möbel     | 119  | furniture              | SES TIL KER         | 1
STL | Stehleuchte              | Leuchten  | 229  | light                  | SOF SES LEU         | 1
PEN | Pendelleuchte            | Leuchten  | 189  | light                  | EST LEU STU         | 1
TIL | Tischleuchte             | Leuchten  | 89   | light                  | NTI LEU KOM         | 2
WAL | Wandleuchte              | Leuchten  | 99   | light                  | LEU SPI             | 2
LEU | LED-Leuchtmittel 3er-Set | Leuchten  | 19.9 | Lumen,Harz             | STL PEN TIL         | 3
LIK | Lichterkette             | Leuchten  | 24.9 | Lumen,Sylt,Harz        | KER VAS DEC         | 3
KIS | Kissenhülle 50x50        | Textilien | 24.9 | wide                   | DEC SOF SES         | 4
DEC | Wolldecke                | Textilien | 69   | soft                   | KIS SOF KER         | 1
BWS | Bettwäsche-Set           | Textilien | 79   | soft                   | BET HAN KIS         | 2
TEP | Teppich 160x230          | Textilien | 349  | soft                   | SOF CTI             | 1
VOR | Vorhang 2er-Set          | Textilien | 49.9 | soft                   | KIS TEP             | 3
HAN | Handtuch-Set             | Textilien | 34.9 | soft                   | BWS KER             | 2
SIK | Sitzkissen               | Textilien | 14.9 | Birke,Sylt,Harz        | STU                 | 6
PFA | Pfannen-Set              | Küche     | 119  | kitchen                | MES BRE TOP         | 1
TOP | Kochtopf 24 cm           | Küche     | 79   | kitchen                | PFA MES             | 1
MES | Kochmesser               | Küche     | 89   | kitchen                | BRE PFA             | 1
BRE | Schneidebrett            | Küche     | 29.9 | kitchen                | MES PFA             | 1
GES | Geschirr-Set 18-tlg.     | Küche     | 129  | kitchen                | GLA EST BES         | 1
GLA | Gläser 6er-Set           | Küche     | 39.9 | kitchen                | GES KAF             | 2
BES | Besteck-Set 24-tlg.      | Küche     | 69   | kitchen                | GES GLA             | 1
KAF | Kaffeebereiter           | Küche     | 44.9 | kitchen                | GLA GES             | 1
VAS | Vase                     | Deko      | 29.9 | wide                   | KER CTI SID         | 2
KER | Duftkerze                | Deko      | 12.9 | Fjord,Alster,Sylt,Harz | VAS DEC LIK         | 4
BIR | Bilderrahmen             | Deko      | 9.9  | Birke,Kiel,Harz        | REG SPI             | 5
SPI | Wandspiegel              | Deko      | 149  | Fjord,Isar,Birke,Kiel  | KOM WAL             | 1
`

function parseArticleTypes(table: string): ArticleType[] {
  return table
    .trim()
    .split('\n')
    .map((row) => {
      const [key, name, category, price, collections, goesWith, maxQuantity] = row
        .split('|')
        .map((cell) => cell.trim())
      const group = COLLECTION_GROUPS[collections as string]
      return {
        key: key as string,
        name: name as string,
        category: category as DemoCategory,
        basePrice: Number(price),
        collections: group ?? ((collections as string).split(',') as Collection[]),
        goesWith: (goesWith as string).split(' '),
        maxQuantity: Number(maxQuantity),
      }
    })
}

const ARTICLE_TYPES: readonly ArticleType[] = parseArticleTypes(ARTICLE_TABLE)

const SUBCATEGORY: Record<string, string> = { SOF: 'Sofas', SES: 'Sessel', STU: 'Stühle', BET: 'Betten' }

// German shop prices end in ,00 / ,90 / ,99; round the tiered price to such a point.
function shopPrice(raw: number): number {
  if (raw < 50) return Math.max(9.9, Math.round(raw) - 0.1)
  if (raw < 200) return Math.round(raw) - 0.01
  return Math.round(raw / 10) * 10 - 1
}

function buildCatalogue(): DemoProduct[] {
  const idOf = new Map<string, string>()
  let serial = 1000
  for (const type of ARTICLE_TYPES)
    for (const c of type.collections) idOf.set(`${type.key}:${c}`, `p-${++serial}`)
  const products: DemoProduct[] = []
  for (const type of ARTICLE_TYPES) {
    for (const collection of type.collections) {
      // Same-collection complements first: a "Fjord" sofa sells with "Fjord" cushions.
      const same = type.goesWith.map((k) => idOf.get(`${k}:${collection}`)).filter((id) => id !== undefined)
      const other = type.goesWith.flatMap((k) =>
        (COLLECTION_GROUPS.all as readonly Collection[])
          .filter((c) => c !== collection)
          .map((c) => idOf.get(`${k}:${c}`)),
      )
      const productId = idOf.get(`${type.key}:${collection}`) as string
      products.push({
        productId,
        sku: `NL-${type.key}-${collection.slice(0, 3).toUpperCase()}`,
        name: `${type.name} ${collection}`,
        category: type.category,
        subcategory: SUBCATEGORY[type.key] ?? type.name.replace(/ .*/, ''),
        collection,
        slug: productSlug(`${type.name} ${collection}`, productId),
        price: Math.min(1899, shopPrice(type.basePrice * COLLECTIONS[collection])),
        complements: [...same, ...other.filter((id) => id !== undefined)],
        maxQuantity: type.maxQuantity,
      })
    }
  }
  return products
}

/** The catalogue of the demo shop "Nordlicht Home & Living": about 150 articles in five categories. */
export const DEMO_PRODUCTS: readonly DemoProduct[] = buildCatalogue()

/** Catalogue lookup by product_id. */
export const DEMO_PRODUCTS_BY_ID: ReadonlyMap<string, DemoProduct> = new Map(
  DEMO_PRODUCTS.map((p) => [p.productId, p]),
)

function productSlug(name: string, productId: string): string {
  const ascii = name
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
  return `${ascii.replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}-${productId}`
}
