#!/usr/bin/env node
// Entry of the `touchstone` command. TypeScript is loaded through tsx (see docs/decisions/0001).
import { register } from 'tsx/esm/api'

register()
const { main } = await import('../src/cli/main.ts')
await main(process.argv)
