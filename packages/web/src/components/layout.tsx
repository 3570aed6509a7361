import { NavLink, Outlet } from 'react-router'
import { useTranslation } from 'react-i18next'
import type { Session } from '../api/types.ts'
import { useLogout } from '../api/use-session.ts'
import { LANGUAGES } from '../i18n/i18n.ts'
import { NAV_ITEMS } from '../routes.ts'

/** Header (workspace, language, logout), navigation and the page. */
export function Layout({ session }: { session: Session }) {
  const { t, i18n } = useTranslation()
  const logout = useLogout()
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('app.skip')}
      </a>
      <header className="topbar">
        <span className="brand">{t('app.name')}</span>
        <span className="workspace" title={t('header.workspace')}>
          {session.workspace.name}
        </span>
        <span className="spacer" />
        <label className="lang">
          <span>{t('header.language')}</span>
          <select value={i18n.language} onChange={(e) => void i18n.changeLanguage(e.target.value)}>
            {LANGUAGES.map((l) => (
              <option key={l} value={l}>
                {l === 'de' ? 'Deutsch' : 'English'}
              </option>
            ))}
          </select>
        </label>
        <span className="user" title={`${t('header.role')}: ${session.role}`}>
          {session.user.email}
        </span>
        <button type="button" onClick={() => logout.mutate()} disabled={logout.isPending}>
          {t('header.logout')}
        </button>
      </header>
      <nav className="sidebar" aria-label={t('nav.label')}>
        <ul>
          {NAV_ITEMS.map((item) => (
            <li key={item.path}>
              <NavLink to={item.path} end={item.path === '/'}>
                {t(`nav.${item.key}`)}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  )
}
