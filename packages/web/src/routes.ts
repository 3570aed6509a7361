import { lazy, type ComponentType, type LazyExoticComponent } from 'react'

/** One page of the dashboard: its path, its nav text key and its lazily loaded component. */
export interface PageRoute {
  path: string
  key:
    | 'overview'
    | 'journey'
    | 'touchpoints'
    | 'feedback'
    | 'cases'
    | 'customers'
    | 'personas'
    | 'lifecycle'
    | 'surveys'
    | 'settings'
  component: LazyExoticComponent<ComponentType>
}

// Each page is its own chunk (route-level code splitting keeps the initial JavaScript small).
const page = (load: () => Promise<ComponentType>) => lazy(async () => ({ default: await load() }))

export const NAV_ITEMS: PageRoute[] = [
  {
    path: '/',
    key: 'overview',
    component: page(async () => (await import('./pages/overview-page.tsx')).OverviewPage),
  },
  {
    path: '/journey',
    key: 'journey',
    component: page(async () => (await import('./pages/journey-page.tsx')).JourneyPage),
  },
  {
    path: '/touchpoints',
    key: 'touchpoints',
    component: page(async () => (await import('./pages/touchpoints-page.tsx')).TouchpointsPage),
  },
  {
    path: '/feedback',
    key: 'feedback',
    component: page(async () => (await import('./pages/feedback-page.tsx')).FeedbackPage),
  },
  {
    path: '/cases',
    key: 'cases',
    component: page(async () => (await import('./pages/cases-page.tsx')).CasesPage),
  },
  {
    path: '/customers',
    key: 'customers',
    component: page(async () => (await import('./pages/customers-page.tsx')).CustomersPage),
  },
  {
    path: '/personas',
    key: 'personas',
    component: page(async () => (await import('./pages/personas-page.tsx')).PersonasPage),
  },
  {
    path: '/lifecycle',
    key: 'lifecycle',
    component: page(async () => (await import('./pages/lifecycle-page.tsx')).LifecyclePage),
  },
  {
    path: '/surveys',
    key: 'surveys',
    component: page(async () => (await import('./pages/surveys-page.tsx')).SurveysPage),
  },
  {
    path: '/settings',
    key: 'settings',
    component: page(async () => (await import('./pages/settings-page.tsx')).SettingsPage),
  },
]
