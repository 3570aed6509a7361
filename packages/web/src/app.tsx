import { Suspense } from 'react'
import { BrowserRouter, Link, Route, Routes } from 'react-router'
import { useTranslation } from 'react-i18next'
import { useSession } from './api/use-session.ts'
import { ErrorBoundary } from './components/error-boundary.tsx'
import { ErrorBox } from './components/error-box.tsx'
import { Layout } from './components/layout.tsx'
import { Skeleton } from './components/skeleton.tsx'
import { LoginPage } from './pages/login-page.tsx'
import { NAV_ITEMS } from './routes.ts'

function NotFound() {
  const { t } = useTranslation()
  return (
    <div className="page">
      <h1>{t('notFound.title')}</h1>
      <Link to="/">{t('notFound.back')}</Link>
    </div>
  )
}

/** Login until there is a session; then the layout with one lazy page per route. */
export function App() {
  const session = useSession()
  if (session.isPending) return <Skeleton height={200} />
  if (session.isError) return <ErrorBox error={session.error} onRetry={() => void session.refetch()} />
  if (!session.data) return <LoginPage />
  return (
    <BrowserRouter>
      <Routes>
        <Route element={<Layout session={session.data} />}>
          {NAV_ITEMS.map(({ path, component: Page }) => (
            <Route
              key={path}
              path={path === '/' ? undefined : path.slice(1)}
              index={path === '/'}
              element={
                <ErrorBoundary key={path}>
                  <Suspense fallback={<Skeleton lines={6} />}>
                    <Page />
                  </Suspense>
                </ErrorBoundary>
              }
            />
          ))}
          <Route path="*" element={<NotFound />} />
        </Route>
      </Routes>
    </BrowserRouter>
  )
}
