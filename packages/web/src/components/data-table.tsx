import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { downloadCsv, toCsv } from './csv.ts'

/** A column: header text, the raw value (for CSV) and optionally how to render it. */
export interface Column<T> {
  header: string
  value: (row: T) => unknown
  render?: (row: T) => ReactNode
  numeric?: boolean
}

/** An accessible table with a caption and a CSV download of exactly what it shows. */
export function DataTable<T>({
  caption,
  columns,
  rows,
  filename,
  rowKey,
}: {
  caption: string
  columns: Column<T>[]
  rows: T[]
  filename: string
  rowKey?: (row: T, index: number) => string
}) {
  const { t } = useTranslation()
  const exportCsv = () =>
    downloadCsv(
      `${filename}.csv`,
      toCsv(
        columns.map((c) => c.header),
        rows.map((r) => columns.map((c) => c.value(r))),
      ),
    )
  return (
    <div className="table-wrap">
      <div className="table-tools">
        <button type="button" onClick={exportCsv} disabled={rows.length === 0}>
          {t('common.csv')}
        </button>
      </div>
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.header} scope="col" className={c.numeric ? 'num' : undefined}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={columns.length}>{t('common.noRows')}</td>
            </tr>
          ) : (
            rows.map((row, i) => (
              <tr key={rowKey ? rowKey(row, i) : i}>
                {columns.map((c) => (
                  <td key={c.header} className={c.numeric ? 'num' : undefined}>
                    {c.render ? c.render(row) : formatCell(c.value(row))}
                  </td>
                ))}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  )
}

function formatCell(value: unknown): string {
  if (value == null) return '—'
  if (typeof value === 'object') return JSON.stringify(value)
  return String(value)
}
