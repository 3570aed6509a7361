import { loadConfig, type ConfigOverrides } from '../config.ts'
import { createDemoWorkspace, writeDemoCredentials } from '../demo/demo-workspace.ts'
import { seedDemo, type SeedProgress } from '../demo/seed-demo.ts'
import { openRuntime } from '../runtime.ts'

/** `touchstone demo`: creates and seeds the demo workspace in a data folder. */
export async function runDemo(overrides: ConfigOverrides, persons: number): Promise<void> {
  const config = loadConfig(process.env, overrides)
  const rt = await openRuntime(config, 'demo')
  try {
    const demo = await createDemoWorkspace(rt)
    if (!demo) {
      console.error('touchstone: this data folder already has workspaces; the demo goes only into a new one')
      process.exitCode = 1
      return
    }
    if (demo.seededAt) {
      console.log(`The demo workspace ${demo.workspaceId} is already seeded.`)
      return
    }
    const started = Date.now()
    const progress: SeedProgress = { state: 'seeding', events: 0 }
    await seedDemo(rt, demo.workspaceId, { persons, end: new Date() }, progress)
    writeDemoCredentials(config.dataDir, { ...demo, seededAt: new Date().toISOString() })
    console.log(
      `Seeded ${progress.events} events for ${persons} customers in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    )
    console.log(
      `workspace_id=${demo.workspaceId}\nlogin=${demo.email} password=${demo.password}\nwrite_key=${demo.writeKey}\nsecret_key=${demo.secretKey}`,
    )
  } finally {
    await rt.close()
  }
}
