import { TouchstoneError } from '../errors.ts'
import type { EventBatch } from '../stores/events/event-row.ts'

interface Waiter {
  resolve: () => void
  reject: (error: unknown) => void
}

/** Options of the group committer. */
export interface GroupCommitOptions {
  /**
   * Rows waiting for a write beyond which new submissions are refused with 503 instead of
   * growing memory without bound; clients retry.
   * @default 200_000
   */
  maxPendingRows?: number
  /** Called with every failed write (logging). */
  onError?: (error: unknown, rows: number) => void
}

/**
 * Group commit: concurrent requests share one insert. At most one write is in flight; whatever
 * arrives meanwhile becomes the next write. Under light load a request is written at once (no
 * artificial delay); under heavy load batches grow to what arrived during one insert, which is
 * exactly what MergeTree wants (few, large inserts). A submission resolves only once its rows
 * are durable, so the API can acknowledge after durability without one insert per request.
 */
export class GroupCommitter {
  private events: EventBatch['events'] = []
  private identities: EventBatch['identities'] = []
  private merges: EventBatch['merges'] = []
  private waiters: Waiter[] = []
  private inFlight: Promise<void> | null = null
  private scheduled = false
  /** Set while `exclusive` runs: nothing is written, submissions wait. */
  private paused: Promise<void> | null = null
  private readonly maxPendingRows: number

  constructor(
    private readonly write: (batch: EventBatch) => Promise<void>,
    private readonly options: GroupCommitOptions = {},
  ) {
    this.maxPendingRows = options.maxPendingRows ?? 200_000
  }

  /** Rows waiting for the next write. */
  get pendingRows(): number {
    return this.events.length
  }

  /** Adds rows to the next write; resolves when they are durable, rejects when the write failed. */
  submit(part: EventBatch): Promise<void> {
    if (this.events.length + part.events.length > this.maxPendingRows) {
      throw new TouchstoneError('TS_OVERLOADED', 'the event store is behind; retry in a second')
    }
    for (const e of part.events) this.events.push(e)
    for (const i of part.identities) this.identities.push(i)
    for (const m of part.merges) this.merges.push(m)
    const done = new Promise<void>((resolve, reject) => this.waiters.push({ resolve, reject }))
    this.schedule()
    return done
  }

  /** Resolves when everything submitted so far has been written (or has failed). */
  async drain(): Promise<void> {
    while (this.inFlight || this.scheduled || this.waiters.length > 0) {
      if (this.inFlight) await this.inFlight
      else await new Promise((resolve) => setImmediate(resolve))
    }
  }

  /**
   * Runs `fn` while no write is in flight and none starts (a backup's consistent snapshot).
   * Submissions keep queueing meanwhile and are written, as one batch, when `fn` settles.
   */
  async exclusive<T>(fn: () => Promise<T>): Promise<T> {
    while (this.paused) await this.paused
    let release!: () => void
    this.paused = new Promise<void>((resolve) => (release = resolve))
    try {
      while (this.inFlight) await this.inFlight.catch(() => {})
      return await fn()
    } finally {
      this.paused = null
      release()
      if (this.waiters.length > 0) this.schedule()
    }
  }

  private schedule(): void {
    if (this.inFlight || this.scheduled || this.paused) return
    this.scheduled = true
    // setImmediate lets the requests parsed in the same turn of the event loop join this write.
    setImmediate(() => {
      this.scheduled = false
      if (!this.paused) this.flush()
    })
  }

  private flush(): void {
    if (this.waiters.length === 0) return
    const batch: EventBatch = { events: this.events, identities: this.identities, merges: this.merges }
    const waiters = this.waiters
    this.events = []
    this.identities = []
    this.merges = []
    this.waiters = []
    this.inFlight = this.write(batch).then(
      () => {
        for (const w of waiters) w.resolve()
      },
      (error: unknown) => {
        // Identity changes are already applied in memory, so they must reach the store with a
        // later write; events are not kept: their requests fail and the clients retry them.
        this.identities = batch.identities.concat(this.identities)
        this.merges = batch.merges.concat(this.merges)
        this.options.onError?.(error, batch.events.length)
        const failure = new TouchstoneError(
          'TS_STORE_UNAVAILABLE',
          'the event store did not accept the write; retry later',
          {
            cause: error instanceof Error ? error.message : String(error),
          },
        )
        for (const w of waiters) w.reject(failure)
      },
    )
    void this.inFlight.finally(() => {
      this.inFlight = null
      if (this.waiters.length > 0) this.schedule()
    })
  }
}
