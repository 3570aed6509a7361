// Data generator of the analytics benchmark: EVENTS events of up to PERSONS persons (2025–26), made by
// INSERT … SELECT over numbers() inside the engine (no HTTP, no JSON through Node), deterministic
// because every choice is a hash of the event number (no rand()). Every tenth person starts on an
// anonymous device that is later merged (person_overrides), so queries pay the real join.
import type { ClickHouseDriver } from '../packages/server/src/stores/events/clickhouse-driver.ts'

export const BENCH_WORKSPACE = 'bench'
/** 2025-01-01T00:00:00Z; persons start within the first 300 days and live up to 401 more. */
const START_SECONDS = 1_735_689_600

/** Event mix by hash bucket (0–99): [upper bound, event, web touchpoint, app touchpoint, channel or '' = device]. */
const MIX: Array<[number, string, string, string, string]> = [
  [30, 'Product Viewed', 'product-page', 'app-product', ''],
  [38, 'Products Searched', 'search', 'app-search', ''],
  [50, 'Product Added', 'cart', 'app-cart', ''],
  [55, 'Checkout Started', 'checkout', 'app-checkout', ''],
  [61, 'Order Completed', 'checkout', 'app-checkout', ''],
  [69, 'Email Opened', 'newsletter', 'newsletter', 'email'],
  [73, 'Email Clicked', 'newsletter', 'newsletter', 'email'],
  [79, 'Home', 'home', 'app-home', ''],
  [83, 'Store Visited', 'store-berlin', 'store-berlin', 'store'],
  [87, 'Return Requested', 'hotline', 'hotline', 'phone'],
  [90, 'Review Submitted', 'reviews', 'reviews', 'web'],
  [95, 'Ad Impression', 'display-ads', 'display-ads', 'other'],
  [100, 'Email Sent', 'newsletter', 'newsletter', 'email'],
]

function multiIf(pick: (row: (typeof MIX)[number]) => string): string {
  const branches = MIX.slice(0, -1).map((row) => `r < ${row[0]}, ${pick(row)}`)
  return `multiIf(${branches.join(', ')}, ${pick(MIX[MIX.length - 1]!)})`
}

const quote = (s: string) => `'${s.replace(/'/g, "''")}'`

/** A deterministic UUID from the hex MD5 in column `h` (formatted as a version-4 UUID). */
function uuidOf(h: string): string {
  return `toUUID(concat(substring(${h}, 1, 8), '-', substring(${h}, 9, 4), '-4', substring(${h}, 14, 3), '-a', substring(${h}, 18, 3), '-', substring(${h}, 21, 12)))`
}

/** Inserts `events` events of `persons` persons (one INSERT per `chunk` events, numbers() offsets). */
export async function generateAnalyticsData(
  driver: ClickHouseDriver,
  events: number,
  persons: number,
  chunk = 2_000_000,
): Promise<void> {
  for (let offset = 0; offset < events; offset += chunk) {
    const size = Math.min(chunk, events - offset)
    await driver.command(`
      INSERT INTO events (workspace_id, message_id, type, event, person_id, anonymous_id, user_id, channel,
                          touchpoint, event_time, client_time, sent_at, received_at, properties, traits, context, source)
      SELECT '${BENCH_WORKSPACE}', concat('b-', toString(n)), if(ev = 'Home', 'page', 'track'), ev,
             if(p % 10 = 0 AND first_day, anon_uuid, user_uuid), '', concat('user-', toString(p)), channel, touchpoint,
             event_time, NULL, NULL, event_time, properties, '', '{}', 'demo'
      FROM (
        SELECT number AS n,
          -- Skewed activity: low person numbers get many events (u^1.4), as real customer bases do.
          toUInt64(floor(${persons} * pow((cityHash64(n, 'who') % 1000000) / 1000000, 1.4))) AS p,
          cityHash64(n, 'mix') % 100 AS r,
          cityHash64(p, 'device') % 3 AS device,
          -- Each person is active from a start day in the first 300 days for a lifetime of up to
          -- 400 days (squared uniform: many short lives, a few long ones), then never again.
          ${START_SECONDS} + (cityHash64(p, 'start') % 300) * 86400 AS start,
          toUInt64(86400 + 400 * 86400 * pow((cityHash64(p, 'life') % 1000) / 1000, 2)) AS lifetime,
          toDateTime64(start + cityHash64(n, 'when') % lifetime, 3, 'UTC') AS event_time,
          -- The person's first day is awareness: an ad or a social post.
          event_time < toDateTime64(start + 86400, 3, 'UTC') AS first_day,
          if(first_day AND r < 50, if(r < 25, 'Ad Impression', 'Social Post Viewed'), ${multiIf((m) => quote(m[1]))}) AS ev,
          multiIf(ev = 'Ad Impression', 'other', ev = 'Social Post Viewed', 'social',
             ${multiIf((m) => quote(m[4]))} != '', ${multiIf((m) => quote(m[4]))}, if(device = 0, 'app', 'web')) AS channel,
          multiIf(ev = 'Ad Impression', 'display-ads', ev = 'Social Post Viewed', 'instagram',
             channel = 'app', ${multiIf((m) => quote(m[3]))}, ${multiIf((m) => quote(m[2]))}) AS touchpoint,
          if(ev = 'Order Completed',
             concat('{"revenue":', toString(round(15 + (cityHash64(n, 'rev') % 30000) / 100 * (1 + p % 3), 2)),
                    ',"products":[{"product_id":"p-', toString(cityHash64(n, 'item') % 400), '"},{"product_id":"p-',
                    toString((cityHash64(n, 'item') % 400 + 1 + cityHash64(p, 'taste') % 7) % 400), '"}]}'),
             '{}') AS properties,
          ${uuidOf('h1')} AS user_uuid,
          ${uuidOf('h2')} AS anon_uuid,
          lower(hex(MD5(concat('user-', toString(p))))) AS h1,
          lower(hex(MD5(concat('anon-', toString(p))))) AS h2
        FROM numbers(${offset}, ${size})
      )`)
  }
  // One merge per tenth person: the anonymous device's person → the user's person.
  await driver.command(`
    INSERT INTO person_overrides (workspace_id, old_person_id, new_person_id, version, created_at)
    SELECT '${BENCH_WORKSPACE}', ${uuidOf('h2')}, ${uuidOf('h1')}, 1, now64(3)
    FROM (SELECT lower(hex(MD5(concat('user-', toString(number * 10))))) AS h1,
                 lower(hex(MD5(concat('anon-', toString(number * 10))))) AS h2
          FROM numbers(${Math.ceil(persons / 10)}))`)
}
