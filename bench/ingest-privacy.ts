// The cost of consent and IP rules on the ingest path, without the store (a no-op commit): the
// pipeline's own messages/s with no privacy rules, with consent mode `off` (IP truncation and
// consent statements read), and with `drop` (every message carries a grant, so all are kept).
// Median of 5 runs of 100,000 messages in batches of 500.
import { IdentityRegistry } from '../packages/server/src/identity/identity-registry.ts'
import { DedupWindow } from '../packages/server/src/ingest/dedup-window.ts'
import { GroupCommitter } from '../packages/server/src/ingest/group-commit.ts'
import { IngestService } from '../packages/server/src/ingest/ingest-service.ts'
import { ConsentRegistry } from '../packages/server/src/privacy/consent-registry.ts'
import { IngestPrivacy } from '../packages/server/src/privacy/ingest-privacy.ts'
import { PrivacySettingsCache } from '../packages/server/src/privacy/privacy-settings.ts'

type Mode = 'no rules' | 'off' | 'drop'

async function run(mode: Mode, n = 100_000): Promise<number> {
  const identities = new IdentityRegistry()
  const committer = new GroupCommitter(async () => {}, { maxPendingRows: 10_000_000 })
  const settings = new PrivacySettingsCache({
    workspaceSettings: async () => ({
      privacy: {
        consentMode: mode === 'drop' ? 'drop' : 'off',
        ipAddresses: 'truncate',
        retentionMonths: null,
      },
    }),
    updateWorkspaceSettings: async () => true,
  })
  const privacy =
    mode === 'no rules'
      ? undefined
      : new IngestPrivacy(settings, new ConsentRegistry(), identities, async () => {})
  const service = new IngestService(identities, new DedupWindow(), committer, Date.now, privacy)
  const started = performance.now()
  for (let b = 0; b < n / 500; b++) {
    const messages = Array.from({ length: 500 }, (_, i) => ({
      type: 'track',
      messageId: `m-${b}-${i}`,
      anonymousId: `a-${(b * 500 + i) % 20_000}`,
      event: 'Product Viewed',
      properties: { sku: 'SKU-1', price: 19.9 },
      context: {
        ip: '203.0.113.9',
        page: { path: '/checkout/pay' },
        consent: { categoryPreferences: { Analytics: true } },
      },
    }))
    await service.ingest({ workspaceId: 'w', messages })
  }
  return n / ((performance.now() - started) / 1000)
}

for (const mode of ['no rules', 'off', 'drop'] as const) {
  const rates: number[] = []
  for (let r = 0; r < 5; r++) rates.push(await run(mode))
  rates.sort((a, b) => a - b)
  console.log(
    `${mode.padEnd(8)} ${Math.round(rates[2] as number).toLocaleString('en')} messages/s (median of 5)`,
  )
}
