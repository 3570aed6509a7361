import type { FormEvent, ReactNode } from 'react'

/** One section of the Settings page: a panel with its heading and, when given, a line of explanation. */
export function SettingsPanel(props: { id: string; title: string; body?: string; children: ReactNode }) {
  return (
    <section className="panel" id={props.id} aria-label={props.title}>
      <h2>{props.title}</h2>
      {props.body !== undefined && <p className="muted">{props.body}</p>}
      {props.children}
    </section>
  )
}

/** A form that runs `onSubmit` instead of reloading the page; `label` names it for screen readers (and tests). */
export function ActionForm(props: {
  label: string
  onSubmit: () => void
  className?: string
  children: ReactNode
}) {
  return (
    <form
      className={props.className}
      aria-label={props.label}
      onSubmit={(e: FormEvent) => {
        e.preventDefault()
        props.onSubmit()
      }}
    >
      {props.children}
    </form>
  )
}
