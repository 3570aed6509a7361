import { loadConfig, type ConfigOverrides } from '../config.ts'
import { openRuntime } from '../runtime.ts'

/** `touchstone workspace create NAME`: prints the id, a write key and a secret (owner) key. */
export async function runWorkspaceCreate(overrides: ConfigOverrides, name: string): Promise<void> {
  const trimmed = name.trim()
  if (trimmed === '' || trimmed.length > 200) {
    console.error('touchstone: the workspace name must be 1–200 characters')
    process.exitCode = 1
    return
  }
  const rt = await openRuntime(loadConfig(process.env, overrides), 'workspace create')
  try {
    const workspace = await rt.meta.createWorkspace(trimmed)
    const write = await rt.keys.create(workspace.id, 'write', 'viewer', 'Default write key')
    const secret = await rt.keys.create(workspace.id, 'secret', 'owner', 'Default secret key')
    console.log(`workspace_id=${workspace.id}`)
    console.log(`write_key=${write.key}`)
    console.log(`secret_key=${secret.key}`)
    console.error('Keep the keys safe: they are stored hashed and cannot be shown again.')
  } finally {
    await rt.close()
  }
}
