import { useQuery } from '@tanstack/react-query'
import { api } from './api-client.ts'

interface OpenApiOperation {
  parameters?: Array<{ in?: string; required?: boolean; schema?: { default?: unknown } }>
}

interface OpenApiDocument {
  paths?: Record<string, Record<string, OpenApiOperation>>
}

/** The server's API paths: methods per path, and the GETs that cannot be called without parameters. */
export interface ApiCatalog {
  methods: Map<string, string[]>
  /** GET paths with a required query parameter that has no default (e.g. a funnel's steps). */
  needsParameters: Set<string>
}

/**
 * The API paths this server offers (from its OpenAPI document), so a page can use an API as soon
 * as it lands and show an empty state until then, instead of failing on a 404.
 */
export function useApiCatalog() {
  return useQuery({
    queryKey: ['openapi'],
    queryFn: async () => {
      const doc = await api<OpenApiDocument>('/docs/json')
      const catalog: ApiCatalog = { methods: new Map(), needsParameters: new Set() }
      for (const [path, ops] of Object.entries(doc.paths ?? {})) {
        catalog.methods.set(
          path,
          Object.keys(ops).map((m) => m.toUpperCase()),
        )
        const required = (ops.get?.parameters ?? []).filter(
          (p) => p.in === 'query' && p.required && p.schema?.default === undefined,
        )
        if (required.length > 0) catalog.needsParameters.add(path)
      }
      return catalog
    },
    staleTime: 5 * 60_000,
  })
}

/**
 * GET paths under any of `prefixes` (`/api/journey` → `/api/journey/stages` …) that can be called
 * as they are: no path parameter, no required query parameter without a default.
 */
export function callableGets(catalog: ApiCatalog | undefined, prefixes: string[]): string[] {
  if (!catalog) return []
  return [...catalog.methods]
    .filter(([p, methods]) => methods.includes('GET') && !p.includes('{') && !catalog.needsParameters.has(p))
    .map(([p]) => p)
    .filter((p) => prefixes.some((prefix) => p === prefix || p.startsWith(`${prefix}/`)))
    .sort()
}

/** True when the server offers `GET path`. */
export function hasGet(catalog: ApiCatalog | undefined, path: string): boolean {
  return catalog?.methods.get(path)?.includes('GET') ?? false
}
