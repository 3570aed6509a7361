import type { ReactNode } from 'react'

/** What a section shows when there is no data: what it is, and what to send to fill it. */
export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="empty-state">
      <h3>{title}</h3>
      {children}
    </div>
  )
}
