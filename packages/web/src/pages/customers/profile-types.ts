/** Answers of the per-person analytics APIs the Customers profile reads. */

type Localised = { de: string; en: string }

/** `GET /api/personas/persons/:id` (404 when the person had no contact in the range). */
export interface PersonPersona {
  personId: string
  persona: { cluster: number; name: Localised; description: Localised; summary: Localised }
}

/** `GET /api/lifecycle/persons/:id`. */
export interface PersonLifecycle {
  personId: string
  state: string | null
  firstSeen: string | null
  lastSeen: string | null
}

/** `GET /api/clv/persons/:id` (`value` null when the person never bought). */
export interface PersonClv {
  personId: string
  customer: boolean
  value: {
    orders: number
    revenue: number
    probabilityAlive: number
    expectedPurchases: number
    clv: number
  } | null
}

/** `GET /api/recommendations/persons/:id` (`names` added with the profile; older servers lack it). */
export interface PersonRecommendations {
  personId: string
  owned: string[]
  items: Array<{ itemId: string; score: number }>
  names?: Record<string, string>
}
