import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { I18nextProvider } from 'react-i18next'
import { ApiError } from './api/api-client.ts'
import { App } from './app.tsx'
import { createI18n } from './i18n/i18n.ts'
import './styles.css'

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      // 4xx answers do not get better by asking again.
      retry: (count, error) =>
        !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 2,
    },
  },
})
// An expired or revoked session turns any API call into a 401: show the login again.
queryClient.getQueryCache().subscribe((event) => {
  const error = event.query.state.error
  if (
    event.type === 'updated' &&
    error instanceof ApiError &&
    error.status === 401 &&
    event.query.queryKey[0] !== 'session'
  ) {
    queryClient.setQueryData(['session'], null)
  }
})

const root = document.getElementById('root')
if (root) {
  createRoot(root).render(
    <StrictMode>
      <I18nextProvider i18n={createI18n()}>
        <QueryClientProvider client={queryClient}>
          <App />
        </QueryClientProvider>
      </I18nextProvider>
    </StrictMode>,
  )
}
