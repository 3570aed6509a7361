import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import type { AddressInfo } from 'node:net'
import { SMTPServer } from 'smtp-server'
import { startTestServer, type TestServer, type TestWorkspace } from './test-server.ts'
import { api, npsSurveyBody, pathOf } from './survey-fixtures.ts'

// A real SMTP server on a loopback port (smtp-server), never a mock: what nodemailer sends is
// what a mail server receives.
let server: TestServer
let ws: TestWorkspace
let smtp: SMTPServer
const received: Array<{ to: string[]; body: string }> = []
const logins: Array<{ user: string; password: string }> = []

before(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    // Loopback only: lets nodemailer log in without TLS so the test sees the password it sends.
    allowInsecureAuth: true,
    onAuth(auth, _session, callback) {
      logins.push({ user: auth.username ?? '', password: auth.password ?? '' })
      callback(null, { user: auth.username })
    },
    onRcptTo(address, _session, callback) {
      // A mailbox that does not exist: the send fails and the invitation records why.
      if (address.address.startsWith('bounce@')) return callback(new Error('550 5.1.1 mailbox unavailable'))
      callback()
    },
    onData(stream, session, callback) {
      let body = ''
      stream.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')))
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), body })
        callback()
      })
    },
  })
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve))
  server = await startTestServer()
  ws = await server.workspace('Mail')
  const port = (smtp.server.address() as AddressInfo).port
  const put = await api(server.app, ws.secretKey, 'PUT', '/api/survey-settings', {
    smtp: { host: '127.0.0.1', port, secure: false, from: 'Nordlicht <umfrage@nordlicht.example>' },
    publicUrl: 'https://cx.nordlicht.example',
  })
  assert.equal(put.status, 200, JSON.stringify(put.body))
})
after(async () => {
  await server.close()
  await new Promise<void>((resolve) => smtp.close(() => resolve()))
})

test('e-mail invitations are sent over SMTP with their link; a bounce is recorded; one reminder', async () => {
  const survey = await api(server.app, ws.secretKey, 'POST', '/api/surveys', npsSurveyBody())
  const res = await api(server.app, ws.secretKey, 'POST', `/api/surveys/${survey.body.id}/invitations`, {
    channel: 'email',
    recipients: [
      { email: 'Lena@Example.de', language: 'de' },
      { email: 'bounce@example.de' },
      { email: 'sam@example.co.uk', language: 'en' },
      { userId: 'no-mail' },
    ],
  })
  assert.equal(res.status, 201, JSON.stringify(res.body))
  const [lena, bounce] = res.body.invitations
  assert.deepEqual(res.body.skipped, [{ index: 3, reason: 'the email channel needs an e-mail address' }])
  assert.equal(lena.status, 'sent')
  assert.equal(bounce.status, 'failed')
  assert.match(bounce.error, /550/)
  assert.ok(lena.url.startsWith('https://cx.nordlicht.example/s/'))
  const mailToLena = received.find((m) => m.to.includes('lena@example.de'))
  assert.ok(mailToLena, 'Lena got a mail')
  assert.match(mailToLena.body, /Ihre Meinung ist uns wichtig/)
  assert.ok(mailToLena.body.replace(/=\r\n/g, '').includes(pathOf(lena.url)), 'the mail carries her link')
  assert.match(
    received.find((m) => m.to.includes('sam@example.co.uk'))?.body ?? '',
    /We would value your opinion/,
  )

  // Lena answers; Sam gets the one reminder, Lena and the bounce do not.
  const answered = await server.app.inject({
    method: 'POST',
    url: pathOf(lena.url),
    payload: { answers: { score: 9 } },
  })
  assert.equal(answered.json().state, 'answered')
  const before = received.length
  const remind = await api(server.app, ws.secretKey, 'POST', `/api/surveys/${survey.body.id}/reminders`, {
    sentBefore: new Date(Date.now() + 60_000).toISOString(),
  })
  assert.deepEqual(remind.body, { reminded: 1, failed: 0 })
  assert.equal(received.length, before + 1)
  assert.deepEqual(received.at(-1)?.to, ['sam@example.co.uk'])
  assert.match(received.at(-1)?.body ?? '', /Reminder: /)
  const again = await api(server.app, ws.secretKey, 'POST', `/api/surveys/${survey.body.id}/reminders`, {
    sentBefore: new Date(Date.now() + 60_000).toISOString(),
  })
  assert.deepEqual(again.body, { reminded: 0, failed: 0 }, 'one reminder only')

  const rates = (await api(server.app, ws.secretKey, 'GET', '/api/metrics/response-rates')).body.items
  const email = rates.find(
    (r: { channel: string; surveyId: string }) => r.channel === 'email' && r.surveyId === survey.body.id,
  )
  assert.deepEqual(
    {
      sent: email.sent,
      answered: email.answered,
      failed: email.failed,
      base: email.base,
      rate: email.responseRate,
    },
    { sent: 2, answered: 1, failed: 1, base: 'sent', rate: 0.5 },
  )
  const settings = await api(server.app, ws.secretKey, 'GET', '/api/survey-settings')
  assert.equal(settings.body.smtp.host, '127.0.0.1')
})

test('the SMTP password is stored sealed, never shown, and still reaches the SMTP server', async () => {
  const other = await server.workspace('Mail with login')
  const port = (smtp.server.address() as AddressInfo).port
  const smtpSettings = {
    host: '127.0.0.1',
    port,
    secure: false,
    user: 'umfrage',
    from: 'x@nordlicht.example',
  }
  const put = await api(server.app, other.secretKey, 'PUT', '/api/survey-settings', {
    smtp: { ...smtpSettings, password: 'Geheim-Passwort-42' },
    publicUrl: 'https://cx.nordlicht.example',
  })
  assert.equal(put.status, 200, JSON.stringify(put.body))
  assert.deepEqual(put.body.smtp, { ...smtpSettings, passwordSet: true })
  const raw = await server.rt.meta.surveys.getSettings(other.id)
  assert.ok(!JSON.stringify(raw).includes('Geheim-Passwort-42'), 'the stored row holds no plain text')
  assert.match((raw.smtp as { password: string }).password, /^enc:v1:/)
  const got = await api(server.app, other.secretKey, 'GET', '/api/survey-settings')
  assert.deepEqual(got.body.smtp, { ...smtpSettings, passwordSet: true })
  assert.ok(!JSON.stringify(got.body).includes('enc:v1'))

  const send = async () => {
    const survey = await api(server.app, other.secretKey, 'POST', '/api/surveys', npsSurveyBody())
    const res = await api(server.app, other.secretKey, 'POST', `/api/surveys/${survey.body.id}/invitations`, {
      channel: 'email',
      recipients: [{ email: `kunde-${logins.length}@example.de` }],
    })
    assert.equal(res.body.invitations[0].status, 'sent', JSON.stringify(res.body))
    return logins.at(-1)
  }
  assert.deepEqual(await send(), { user: 'umfrage', password: 'Geheim-Passwort-42' })

  // A PUT without the password keeps it; a legacy plain-text one still works and is sealed on the next write.
  await server.rt.meta.surveys.putSettings(other.id, {
    ...raw,
    smtp: { ...smtpSettings, password: 'altes-klartext' },
  })
  assert.deepEqual(await send(), { user: 'umfrage', password: 'altes-klartext' })
  const again = await api(server.app, other.secretKey, 'PUT', '/api/survey-settings', {
    smtp: smtpSettings,
    publicUrl: 'https://cx.nordlicht.example',
  })
  assert.equal(again.body.smtp.passwordSet, true)
  const resealed = await server.rt.meta.surveys.getSettings(other.id)
  assert.match((resealed.smtp as { password: string }).password, /^enc:v1:/)
  assert.deepEqual(await send(), { user: 'umfrage', password: 'altes-klartext' })
  const cleared = await api(server.app, other.secretKey, 'PUT', '/api/survey-settings', {
    smtp: { ...smtpSettings, password: '' },
  })
  assert.equal(cleared.body.smtp.passwordSet, false)
  const tooLong = await api(server.app, other.secretKey, 'PUT', '/api/survey-settings', {
    smtp: { ...smtpSettings, password: 'x'.repeat(256) },
  })
  assert.equal(tooLong.status, 400)
  assert.match(tooLong.body.message, /smtp\.password: at most 255/)
  // The longest password sealed still fits the stored settings (they would be dropped otherwise).
  await api(server.app, other.secretKey, 'PUT', '/api/survey-settings', {
    smtp: { ...smtpSettings, password: '€'.repeat(255) },
  })
  const longest = await api(server.app, other.secretKey, 'GET', '/api/survey-settings')
  assert.equal(longest.body.smtp.passwordSet, true)
})

test('resolving a case sends the follow-up survey by e-mail when the address is known', async () => {
  const loop = await server.workspace('Loop by mail')
  const port = (smtp.server.address() as AddressInfo).port
  const main = await api(server.app, loop.secretKey, 'POST', '/api/surveys', npsSurveyBody())
  const followUp = await api(
    server.app,
    loop.secretKey,
    'POST',
    '/api/surveys',
    npsSurveyBody({ name: 'Nachgefragt' }),
  )
  await api(server.app, loop.secretKey, 'PUT', '/api/survey-settings', {
    smtp: { host: '127.0.0.1', port, secure: false, from: 'Nordlicht <umfrage@nordlicht.example>' },
    publicUrl: 'https://cx.nordlicht.example',
    closedLoop: { followUpSurveyId: followUp.body.id },
  })
  const inv = await api(server.app, loop.secretKey, 'POST', `/api/surveys/${main.body.id}/invitations`, {
    channel: 'email',
    recipients: [{ email: 'verärgert@example.de', language: 'de' }],
  })
  await server.app.inject({
    method: 'POST',
    url: pathOf(inv.body.invitations[0].url),
    payload: { answers: { score: 1 } },
  })
  const [opened] = (await api(server.app, loop.secretKey, 'GET', '/api/cases')).body.items
  received.length = 0
  const resolved = await api(server.app, loop.secretKey, 'PATCH', `/api/cases/${opened.id}`, {
    status: 'resolved',
    outcome: 'refund',
  })
  assert.equal(resolved.body.followUp.channel, 'email')
  assert.equal(resolved.body.followUp.status, 'sent')
  assert.equal(received.length, 1)
  assert.deepEqual(received[0]!.to, ['verärgert@example.de'])
  assert.ok(received[0]!.body.includes(pathOf(resolved.body.followUp.url).slice(0, 40)))
})
