import { LogController } from 'fastify'
import pino from 'pino'
import { buildApp } from '../app.ts'
import { loadConfig, type ConfigOverrides } from '../config.ts'
import { createDemoWorkspace, writeDemoCredentials, type DemoCredentials } from '../demo/demo-workspace.ts'
import type { SeedProgress } from '../demo/seed-demo.ts'
import { openRuntime } from '../runtime.ts'
import { VERSION } from '../version.ts'

function banner(url: string, demo: DemoCredentials | undefined): string {
  const lines = [
    `Touchstone ${VERSION} is running at ${url}`,
    `  Dashboard    ${url}/`,
    `  API docs     ${url}/docs`,
  ]
  if (demo) {
    lines.push(
      `  Demo login   ${demo.email}  password: ${demo.password}`,
      `  Write key    ${demo.writeKey}   (Segment clients: host ${url})`,
      `  Secret key   ${demo.secretKey}   (Authorization: Bearer …)`,
      `  Workspace    ${demo.workspaceName} (${demo.workspaceId})`,
    )
  }
  return lines.join('\n')
}

/** `touchstone serve`: opens the stores, creates the demo on first start, listens, shuts down gracefully. */
export async function runServe(overrides: ConfigOverrides): Promise<void> {
  const config = loadConfig(process.env, overrides)
  const log = pino({ level: config.logLevel })
  const rt = await openRuntime(config, 'serve', log)
  const demo = config.demo ? await createDemoWorkspace(rt) : undefined
  const progress: SeedProgress = { state: demo?.seededAt ? 'done' : 'seeding', events: 0 }
  const app = await buildApp(
    {
      ...rt,
      version: VERSION,
      demoStatus: () => (demo ? { state: progress.state, events: progress.events } : undefined),
    },
    // Per-request lines at hundreds of ingest requests a second would drown the useful ones.
    { loggerInstance: log, logController: new LogController({ disableRequestLogging: true }) },
  )
  await app.listen({ host: config.host, port: config.port })
  const address = app.server.address()
  const port = typeof address === 'object' && address ? address.port : config.port
  const host = config.host.includes(':') ? `[${config.host}]` : config.host
  const url = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`
  console.log(banner(url, demo))

  let seeding: Promise<void> = Promise.resolve()
  if (demo && !demo.seededAt) {
    const started = Date.now()
    console.log(`Seeding the demo workspace (${config.demoPersons} customers, 12 months) in the background…`)
    // Loaded only when needed: the generator is not part of a server without a demo.
    const { seedDemo } = await import('../demo/seed-demo.ts')
    seeding = seedDemo(rt, demo.workspaceId, { persons: config.demoPersons, end: new Date() }, progress).then(
      () => {
        if (progress.state !== 'done') return
        writeDemoCredentials(config.dataDir, { ...demo, seededAt: new Date().toISOString() })
        console.log(
          `Demo workspace ready: ${progress.events} events, ${progress.responses ?? 0} survey responses in ${((Date.now() - started) / 1000).toFixed(1)} s`,
        )
      },
      (error: unknown) => {
        progress.state = 'failed'
        log.error({ err: error }, 'seeding the demo workspace failed')
      },
    )
  }

  let closing = false
  const shutdown = async (signal: string) => {
    if (closing) return
    closing = true
    log.info({ signal }, 'shutting down: draining in-flight batches')
    progress.stop = true
    await app.close()
    await seeding
    await rt.close()
    process.exit(0)
  }
  process.once('SIGTERM', () => void shutdown('SIGTERM'))
  process.once('SIGINT', () => void shutdown('SIGINT'))
}
