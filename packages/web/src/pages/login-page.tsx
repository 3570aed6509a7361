import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError } from '../api/api-client.ts'
import { useLogin } from '../api/use-session.ts'
import { LANGUAGES } from '../i18n/i18n.ts'

/** E-mail and password; the server sets an HttpOnly session cookie. */
export function LoginPage() {
  const { t, i18n } = useTranslation()
  const login = useLogin()
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')
  const submit = (e: FormEvent) => {
    e.preventDefault()
    login.mutate({ email, password })
  }
  const error = login.error
  let message: string | undefined
  if (error instanceof ApiError && error.status === 401) message = t('login.wrong')
  else if (error instanceof ApiError && error.status === 429) {
    const seconds = /(\d+) s/.exec(error.message)?.[1] ?? '60'
    message = t('login.throttled', { seconds })
  } else if (error instanceof ApiError && error.status === 423) {
    const until = (error.details as { lockedUntil?: string } | undefined)?.lockedUntil
    const minutes = until ? Math.max(1, Math.ceil((Date.parse(until) - Date.now()) / 60_000)) : 15
    message = t('login.locked', { minutes })
  } else if (error) message = error.message
  return (
    <main className="login" id="main">
      <form onSubmit={submit} aria-labelledby="login-title">
        <h1 id="login-title">{t('login.title')}</h1>
        <label>
          {t('login.email')}
          <input
            type="email"
            name="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </label>
        <label>
          {t('login.password')}
          <input
            type="password"
            name="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        {message ? (
          <p className="form-error" role="alert">
            {message}
          </p>
        ) : null}
        <button type="submit" disabled={login.isPending}>
          {login.isPending ? t('login.submitting') : t('login.submit')}
        </button>
        <p className="muted">{t('login.hint')}</p>
        <div className="lang-switch" role="group" aria-label="Language / Sprache">
          {LANGUAGES.map((l) => (
            <button
              key={l}
              type="button"
              className="link"
              aria-pressed={i18n.language === l}
              onClick={() => void i18n.changeLanguage(l)}
            >
              {l === 'de' ? 'Deutsch' : 'English'}
            </button>
          ))}
        </div>
      </form>
    </main>
  )
}
