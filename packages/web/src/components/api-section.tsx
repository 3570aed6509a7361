import { useQuery } from '@tanstack/react-query'
import { api, ApiError } from '../api/api-client.ts'
import { DataTable, type Column } from './data-table.tsx'
import { ErrorBox } from './error-box.tsx'
import { Skeleton } from './skeleton.tsx'
import { useTranslation } from 'react-i18next'

type Json = null | boolean | number | string | Json[] | { [key: string]: Json }

function isRecordArray(v: Json): v is Array<{ [key: string]: Json }> {
  return (
    Array.isArray(v) &&
    v.length > 0 &&
    v.every((x) => x !== null && typeof x === 'object' && !Array.isArray(x))
  )
}

function columnsOf(rows: Array<{ [key: string]: Json }>): Column<{ [key: string]: Json }>[] {
  const keys = [...new Set(rows.slice(0, 20).flatMap((r) => Object.keys(r)))].slice(0, 10)
  return keys.map((k) => ({
    header: k,
    value: (r) => r[k],
    numeric: typeof rows[0]?.[k] === 'number',
  }))
}

/** Renders any JSON answer readably: tables for lists of records, a field list for the rest. */
function JsonView({ name, value }: { name: string; value: Json }) {
  const { t } = useTranslation()
  if (isRecordArray(value)) {
    return <DataTable caption={name} columns={columnsOf(value)} rows={value.slice(0, 500)} filename={name} />
  }
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const scalars = Object.entries(value).filter(([, v]) => v === null || typeof v !== 'object')
    const nested = Object.entries(value).filter(([, v]) => v !== null && typeof v === 'object')
    return (
      <div>
        {scalars.length > 0 ? (
          <DataTable
            caption={name}
            columns={[
              { header: t('common.field'), value: (r: [string, Json]) => r[0] },
              { header: t('common.value'), value: (r: [string, Json]) => r[1] },
            ]}
            rows={scalars}
            filename={name}
          />
        ) : null}
        {nested.map(([k, v]) => (
          <JsonView key={k} name={`${name}.${k}`} value={v} />
        ))}
      </div>
    )
  }
  return <pre className="json">{JSON.stringify(value, null, 2)}</pre>
}

/**
 * A section showing what `GET path` answers, for APIs the dashboard has no dedicated view of yet:
 * the data is visible (and exportable) the day the API lands.
 */
export function ApiSection({ path }: { path: string }) {
  const query = useQuery({ queryKey: ['generic', path], queryFn: () => api<Json>(path) })
  return (
    <section className="panel" aria-label={path}>
      <header className="panel-head">
        <h2>
          <code>GET {path}</code>
        </h2>
      </header>
      {query.isPending ? (
        <Skeleton lines={4} />
      ) : query.error instanceof ApiError && query.error.status >= 400 && query.error.status < 500 ? (
        // A 4xx here is the API explaining why it has nothing to show (e.g. too little data for a model).
        <p className="notice" role="status">
          {query.error.message}
        </p>
      ) : query.isError ? (
        <ErrorBox error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <JsonView name={path.replace(/^\/api\//, '').replaceAll('/', '-')} value={query.data} />
      )}
    </section>
  )
}
