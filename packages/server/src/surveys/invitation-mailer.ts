import nodemailer from 'nodemailer'
import type { SecretBox } from '../auth/secret-box.ts'
import type { CxSettings } from './cx-settings.ts'
import type { SurveyDefinition } from '@touchstone/core/surveys'

const SUBJECT: Record<string, string> = {
  de: 'Ihre Meinung ist uns wichtig',
  en: 'We would value your opinion',
}
const BODY: Record<string, (name: string, url: string) => string> = {
  de: (name, url) =>
    `Guten Tag,\n\nwir möchten besser werden. Bitte beantworten Sie kurz unsere Umfrage „${name}“:\n${url}\n\nVielen Dank!`,
  en: (name, url) =>
    `Hello,\n\nwe want to get better. Please answer our short survey "${name}":\n${url}\n\nThank you!`,
}
const REMINDER: Record<string, string> = { de: 'Erinnerung: ', en: 'Reminder: ' }

/** One e-mail invitation to send. */
export interface InvitationMail {
  to: string
  url: string
  language: string
  reminder?: boolean
}

/**
 * Sends survey invitations over the workspace's SMTP server (nodemailer), one message per
 * recipient so a bounce names one person. Resolves per mail with the error text of a failed send.
 * The stored password is sealed (`box` opens it; legacy plain text still works).
 */
export async function sendInvitationMails(
  smtp: NonNullable<CxSettings['smtp']>,
  definition: SurveyDefinition,
  mails: InvitationMail[],
  box: SecretBox,
): Promise<Array<{ ok: true } | { ok: false; error: string }>> {
  const transport = nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure ?? smtp.port === 465,
    ...(smtp.user ? { auth: { user: smtp.user, pass: smtp.password ? box.open(smtp.password) : '' } } : {}),
    // A stuck SMTP server must not hold an API request for minutes (nodemailer's defaults).
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  })
  try {
    const results: Array<{ ok: true } | { ok: false; error: string }> = []
    for (const mail of mails) {
      const lang = SUBJECT[mail.language] ? mail.language : 'en'
      try {
        await transport.sendMail({
          from: smtp.from,
          to: mail.to,
          subject: `${mail.reminder ? REMINDER[lang] : ''}${SUBJECT[lang]}`,
          text: (BODY[lang] as (n: string, u: string) => string)(definition.name, mail.url),
        })
        results.push({ ok: true })
      } catch (error) {
        results.push({ ok: false, error: error instanceof Error ? error.message : String(error) })
      }
    }
    return results
  } finally {
    transport.close()
  }
}
