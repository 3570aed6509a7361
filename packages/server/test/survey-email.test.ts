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

before(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
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
