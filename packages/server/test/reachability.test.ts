import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { apiGet, sendBatch, startTestServer, type TestServer, type TestWorkspace } from './test-server.ts'

// A hand-built week of calls, e-mails and chats; every expected figure below is computed by hand.
// 2026-01-05 is a Monday; Berlin is UTC+1 in January.

let server: TestServer
let ws: TestWorkspace
let other: TestWorkspace
let seq = 0

const S = 1000
function contact(event: string, at: string, properties: Record<string, unknown>, offsetMs = 0) {
  return {
    type: 'track',
    messageId: `m-${++seq}`,
    userId: `cust-${seq % 4}`,
    event,
    timestamp: new Date(Date.parse(at) + offsetMs).toISOString(),
    properties,
  }
}
const phone = (event: string, at: string, id: string, offset = 0, touchpoint = 'hotline') =>
  contact(event, at, { channel: 'phone', touchpoint, call_id: id }, offset)
const email = (event: string, at: string, id: string | undefined, offset = 0) =>
  contact(
    event,
    at,
    { channel: 'email', touchpoint: 'email-support', ...(id ? { email_id: id } : {}) },
    offset,
  )
const closed = (at: string, contactId: string, sourceChannel: string, offset: number) =>
  contact(
    'ticket_closed',
    at,
    { touchpoint: 'service-desk', contact_id: contactId, source_channel: sourceChannel },
    offset,
  )

before(async () => {
  server = await startTestServer()
  ws = await server.workspace('Reachability')
  other = await server.workspace('Other')
  const c1 = '2026-01-05T08:00:00Z'
  const c2 = '2026-01-05T08:10:00Z'
  const c3 = '2026-01-05T08:20:00Z'
  const c4 = '2026-01-05T08:40:00Z'
  const c5 = '2026-01-06T15:00:00Z'
  const c7 = '2026-01-04T23:00:00Z'
  const c8 = '2026-01-11T22:00:00Z'
  const e1 = '2026-01-05T09:00:00Z'
  const e2 = '2026-01-07T10:00:00Z'
  const e3 = '2026-01-07T10:30:00Z'
  const h1 = '2026-01-08T12:00:00Z'
  await sendBatch(server.app, ws.writeKey, [
    phone('call_received', c1, 'c1'),
    phone('call_answered', c1, 'c1', 30 * S),
    // A second answer of the same call later: the first answer is the first response.
    phone('call_answered', c1, 'c1', 300 * S),
    phone('call_received', c2, 'c2'),
    phone('call_answered', c2, 'c2', 90 * S),
    phone('call_received', c3, 'c3'),
    phone('call_missed', c3, 'c3', 120 * S),
    phone('call_received', c4, 'c4'),
    phone('call_answered', c4, 'c4', 60 * S),
    closed(c4, 'c4', 'phone', 7200 * S),
    phone('call_received', c5, 'c5', 0, 'hotline-b2b'),
    phone('call_answered', c5, 'c5', 600 * S, 'hotline-b2b'),
    // Received before `from`: not a contact of this range even though its answer is.
    phone('call_received', c7, 'c7'),
    phone('call_answered', c7, 'c7', 3600 * S),
    // Received on Sunday evening, answered after `to`: answered within the look-ahead.
    phone('call_received', c8, 'c8'),
    phone('call_answered', c8, 'c8', 9000 * S),
    email('email_received', e1, 'e1'),
    email('email_replied', e1, 'e1', 3600 * S),
    email('email_received', e2, 'e2'),
    email('email_received', e3, 'e3'),
    email('email_replied', e3, 'e3', 7200 * S),
    closed(e3, 'e3', 'email', 86_400 * S),
    // Without an e-mail id a contact cannot be paired with a reply: a contact, never answered.
    email('email_received', '2026-01-09T07:00:00Z', undefined),
    contact('chat_started', h1, { channel: 'chat', touchpoint: 'live-chat', chat_id: 'h1' }),
    contact('chat_answered', h1, { channel: 'chat', touchpoint: 'live-chat', chat_id: 'h1' }, 20 * S),
  ])
  await sendBatch(server.app, other.writeKey, [phone('call_received', c1, 'x1')])
})

after(async () => {
  await server?.close()
})

const RANGE = 'from=2026-01-05T00:00:00Z&to=2026-01-12T00:00:00Z'
const Z = 1.959963984540054

/** The Wilson 95 % interval written out: (p + z²/2n ± z√(p(1−p)/n + z²/4n²)) / (1 + z²/n). */
function wilson(k: number, n: number) {
  const p = k / n
  const centre = (p + (Z * Z) / (2 * n)) / (1 + (Z * Z) / n)
  const half = (Z * Math.sqrt((p * (1 - p)) / n + (Z * Z) / (4 * n * n))) / (1 + (Z * Z) / n)
  return { lower: Math.max(0, centre - half), upper: Math.min(1, centre + half) }
}

function near(actual: number, expected: number, digits = 4) {
  assert.ok(Math.abs(actual - expected) < 10 ** -digits, `${actual} ≠ ${expected}`)
}

test('answer rate, Wilson interval, first-response and resolution time per channel', async () => {
  const res = await apiGet(server.app, ws.secretKey, `/api/metrics/reachability?${RANGE}`)
  assert.equal(res.statusCode, 200, res.body)
  const body = res.json()
  assert.equal(body.timeZone, 'Europe/Berlin')
  const phoneGroup = body.groups.find((g: { channel: string }) => g.channel === 'phone')
  // c1, c2, c3, c4, c5, c8 (c7 was received before `from`); c3 was missed.
  assert.equal(phoneGroup.contacts, 6)
  assert.equal(phoneGroup.answered, 5)
  assert.equal(phoneGroup.unanswered, 1)
  near(phoneGroup.answerRate, 5 / 6)
  const w = wilson(5, 6)
  near(phoneGroup.interval.lower, w.lower)
  near(phoneGroup.interval.upper, w.upper)
  assert.equal(phoneGroup.tooFewContacts, true)
  // 30 60 90 600 9000: median 90; p90 at rank 0.9·4 = 3.6 → 600 + 0.6·8400 = 5640.
  assert.deepEqual(phoneGroup.firstResponse, { n: 5, medianSeconds: 90, p90Seconds: 5640 })
  assert.deepEqual(phoneGroup.resolution, { n: 1, medianSeconds: 7200, p90Seconds: 7200 })

  const emailGroup = body.groups.find((g: { channel: string }) => g.channel === 'email')
  // e1, e2, e3 and the one without an id; e1 and e3 answered after 3600 s and 7200 s.
  assert.equal(emailGroup.contacts, 4)
  assert.equal(emailGroup.answered, 2)
  near(emailGroup.answerRate, 0.5)
  assert.deepEqual(emailGroup.firstResponse, { n: 2, medianSeconds: 5400, p90Seconds: 6840 })
  assert.deepEqual(emailGroup.resolution, { n: 1, medianSeconds: 86_400, p90Seconds: 86_400 })

  const chatGroup = body.groups.find((g: { channel: string }) => g.channel === 'chat')
  assert.equal(chatGroup.answerRate, 1)
  assert.equal(chatGroup.interval.upper, 1)
  assert.deepEqual(chatGroup.firstResponse, { n: 1, medianSeconds: 20, p90Seconds: 20 })

  // All channels: 11 contacts, 8 answered; 20 30 60 90 600 3600 7200 9000 → median (90 + 600)/2,
  // p90 at rank 6.3 → 7200 + 0.3·1800 = 7740.
  assert.equal(body.total.contacts, 11)
  assert.equal(body.total.answered, 8)
  assert.deepEqual(body.total.firstResponse, { n: 8, medianSeconds: 345, p90Seconds: 7740 })
  assert.equal(body.channels.length, 3)
})

test('hour of week in Europe/Berlin by default, or in the zone asked for', async () => {
  const berlin = (
    await apiGet(
      server.app,
      ws.secretKey,
      `/api/metrics/reachability?${RANGE}&channel=phone&breakdown=hour_of_week`,
    )
  ).json()
  const cells = berlin.groups.map(
    (g: { weekday: number; hour: number; contacts: number; answered: number }) => [
      g.weekday,
      g.hour,
      g.contacts,
      g.answered,
    ],
  )
  // Monday 08:00–08:40 UTC is 09:xx in Berlin; Tuesday 15:00 UTC is 16:00; Sunday 22:00 UTC is 23:00.
  assert.deepEqual(cells, [
    [1, 9, 4, 3],
    [2, 16, 1, 1],
    [7, 23, 1, 1],
  ])
  // Monday 09h: answers after 30, 90, 60 s → median 60.
  assert.equal(berlin.groups[0].firstResponse.medianSeconds, 60)
  assert.equal(berlin.channels.length, 1)
  assert.equal(berlin.channels[0].contacts, 6)

  const utc = (
    await apiGet(
      server.app,
      ws.secretKey,
      `/api/metrics/reachability?${RANGE}&channel=phone&breakdown=hour_of_week&tz=UTC`,
    )
  ).json()
  assert.deepEqual(
    utc.groups.map((g: { weekday: number; hour: number }) => [g.weekday, g.hour]),
    [
      [1, 8],
      [2, 15],
      [7, 22],
    ],
  )
})

test('touchpoint breakdown and workspace isolation', async () => {
  const body = (
    await apiGet(
      server.app,
      ws.secretKey,
      `/api/metrics/reachability?${RANGE}&channel=phone&breakdown=touchpoint`,
    )
  ).json()
  assert.deepEqual(
    body.groups.map((g: { touchpoint: string; contacts: number; answered: number }) => [
      g.touchpoint,
      g.contacts,
      g.answered,
    ]),
    [
      ['hotline', 5, 4],
      ['hotline-b2b', 1, 1],
    ],
  )
  const theirs = (await apiGet(server.app, other.secretKey, `/api/metrics/reachability?${RANGE}`)).json()
  assert.equal(theirs.total.contacts, 1)
  assert.equal(theirs.total.answered, 0)
  assert.equal(theirs.total.answerRate, 0)
  assert.equal(theirs.total.firstResponse.medianSeconds, null)
})

test('bad parameters answer 400 with what is wrong', async () => {
  const tz = await apiGet(server.app, ws.secretKey, `/api/metrics/reachability?${RANGE}&tz=Mars/Olympus`)
  assert.equal(tz.statusCode, 400)
  assert.match(tz.json().message, /time zone/)
  const injection = await apiGet(server.app, ws.secretKey, `/api/metrics/reachability?${RANGE}&tz=UTC')--`)
  assert.equal(injection.statusCode, 400)
  const breakdown = await apiGet(
    server.app,
    ws.secretKey,
    `/api/metrics/reachability?${RANGE}&breakdown=weekday`,
  )
  assert.equal(breakdown.statusCode, 400)
  assert.match(breakdown.json().message, /breakdown/)
  const channel = await apiGet(server.app, ws.secretKey, `/api/metrics/reachability?${RANGE}&channel=fax`)
  assert.equal(channel.statusCode, 400)
  const unauthenticated = await server.app.inject({
    method: 'GET',
    url: `/api/metrics/reachability?${RANGE}`,
  })
  assert.equal(unauthenticated.statusCode, 401)
})
