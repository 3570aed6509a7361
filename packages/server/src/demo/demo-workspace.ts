import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { hashPassword, randomPassword } from '../auth/passwords.ts'
import type { Runtime } from '../runtime.ts'

/** The demo workspace's login and keys, kept in the data folder so every start can print them. */
export interface DemoCredentials {
  workspaceId: string
  workspaceName: string
  email: string
  password: string
  writeKey: string
  secretKey: string
  /** Set once all demo events are stored. */
  seededAt?: string
}

const FILE = 'demo-credentials.json'

/** Reads the demo credentials of a data folder, if it has a demo workspace. */
export function readDemoCredentials(dataDir: string): DemoCredentials | undefined {
  const path = join(dataDir, FILE)
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as DemoCredentials) : undefined
}

/** Saves the demo credentials (owner-only file: it holds a password and keys in clear). */
export function writeDemoCredentials(dataDir: string, credentials: DemoCredentials): void {
  writeFileSync(join(dataDir, FILE), `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 })
}

/**
 * Creates the demo workspace with an owner login, a write key and a secret key — only in a data
 * folder that has no workspace yet, so a real installation never gets a demo login.
 */
export async function createDemoWorkspace(rt: Runtime): Promise<DemoCredentials | undefined> {
  const existing = readDemoCredentials(rt.config.dataDir)
  if (existing) return existing
  if ((await rt.meta.listWorkspaces()).length > 0) return undefined
  const workspace = await rt.meta.createWorkspace('Nordlicht Home & Living (Demo)')
  const password = randomPassword()
  const email = 'demo@touchstone.local'
  const user =
    (await rt.meta.findUserByEmail(email)) ??
    (await rt.meta.createUser({ email, name: 'Demo Owner', passwordHash: await hashPassword(password) }))
  await rt.meta.addMember(workspace.id, user.id, 'owner')
  const write = await rt.keys.create(workspace.id, 'write', 'viewer', 'Demo write key')
  const secret = await rt.keys.create(workspace.id, 'secret', 'owner', 'Demo secret key')
  const credentials: DemoCredentials = {
    workspaceId: workspace.id,
    workspaceName: workspace.name,
    email,
    password,
    writeKey: write.key,
    secretKey: secret.key,
  }
  writeDemoCredentials(rt.config.dataDir, credentials)
  return credentials
}
