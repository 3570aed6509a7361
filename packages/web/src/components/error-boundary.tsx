import { Component, type ReactNode } from 'react'
import { ErrorBox } from './error-box.tsx'

/** Turns a rendering error of one page into a visible message instead of a blank screen. */
export class ErrorBoundary extends Component<{ children: ReactNode }, { error: unknown }> {
  override state: { error: unknown } = { error: undefined }

  static getDerivedStateFromError(error: unknown) {
    return { error }
  }

  override render() {
    if (this.state.error !== undefined) {
      return <ErrorBox error={this.state.error} onRetry={() => this.setState({ error: undefined })} />
    }
    return this.props.children
  }
}
