/** An API answer other than 2xx, with the server's stable error code. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

/** Reads the CSRF cookie the server set at login (double-submit pattern). */
function csrfToken(): string | undefined {
  const match = /(?:^|;\s*)ts_csrf=([^;]*)/.exec(document.cookie)
  return match?.[1] ? decodeURIComponent(match[1]) : undefined
}

/**
 * Calls the Touchstone API with the session cookie. Non-GET requests repeat the CSRF token in
 * `X-CSRF-Token`, as the server demands for cookie-authenticated mutations.
 */
export async function api<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const method = init.method ?? 'GET'
  const headers: Record<string, string> = { accept: 'application/json' }
  if (init.body !== undefined) headers['content-type'] = 'application/json'
  if (method !== 'GET') {
    const csrf = csrfToken()
    if (csrf) headers['x-csrf-token'] = csrf
  }
  let res: Response
  try {
    res = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    })
  } catch (error) {
    throw new ApiError(0, 'TS_NETWORK', `the server cannot be reached (${String(error)})`)
  }
  if (res.status === 204) return undefined as T
  const text = await res.text()
  let body: unknown
  try {
    body = text ? JSON.parse(text) : undefined
  } catch {
    body = undefined
  }
  if (!res.ok) {
    const err = (body ?? {}) as { code?: string; message?: string; details?: unknown }
    throw new ApiError(
      res.status,
      err.code ?? `HTTP_${res.status}`,
      err.message ?? res.statusText,
      err.details,
    )
  }
  return body as T
}
