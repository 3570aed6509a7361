import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { api } from '../../api/api-client.ts'
import type {
  ReclassifyAnswer,
  TopicRuleView,
  TopicSuggestionsAnswer,
  TopicTaxonomyAnswer,
} from '../../api/workflow-types.ts'
import { DataTable } from '../../components/data-table.tsx'
import { ErrorBox } from '../../components/error-box.tsx'
import { QueryState } from '../../components/query-state.tsx'
import { useFormat } from '../../format/use-format.ts'
import { ActionForm, SettingsPanel } from './settings-panel.tsx'
import { useReplaceableRows } from './use-replaceable-rows.ts'

const LANGS = ['de', 'en'] as const
type Lang = (typeof LANGS)[number]

/** A topic as the form edits it: keyword lists as comma-separated text. */
interface Row {
  id: string
  label: Record<Lang, string>
  keywords: Record<Lang, string>
  exclude: Record<Lang, string>
}

const toRow = (t: TopicRuleView): Row => ({
  id: t.id,
  label: { ...t.label },
  keywords: { de: t.keywords.de.join(', '), en: t.keywords.en.join(', ') },
  exclude: { de: (t.exclude?.de ?? []).join(', '), en: (t.exclude?.en ?? []).join(', ') },
})

const list = (text: string) =>
  text
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean)

function toTopic(row: Row): TopicRuleView {
  const exclude = { de: list(row.exclude.de), en: list(row.exclude.en) }
  return {
    id: row.id.trim(),
    label: { de: row.label.de, en: row.label.en },
    keywords: { de: list(row.keywords.de), en: list(row.keywords.en) },
    ...(exclude.de.length || exclude.en.length ? { exclude } : {}),
  }
}

/** A topic id from a phrase ("Montageanleitung fehlt" → "montageanleitung-fehlt"), unique among `taken`. */
function idOf(phrase: string, taken: string[]): string {
  const base =
    phrase
      .toLowerCase()
      .replace(/ß/g, 'ss')
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 50) || 'topic'
  let id = base
  for (let n = 2; taken.includes(id); n++) id = `${base}-${n}`
  return id
}

/** The whole stored history: the API allows ranges of up to about ten years. */
function allTimeQuery(): string {
  const to = new Date()
  const from = new Date(to.getTime() - 3650 * 86_400_000)
  return `from=${encodeURIComponent(from.toISOString())}&to=${encodeURIComponent(to.toISOString())}`
}

function TaxonomyForm({ answer }: { answer: TopicTaxonomyAnswer }) {
  const { t, i18n } = useTranslation()
  const f = useFormat()
  const client = useQueryClient()
  const { rows, setRows, save, reset } = useReplaceableRows({
    path: '/api/topics',
    queryKey: 'topic-taxonomy',
    answer,
    rowsOf: (a: TopicTaxonomyAnswer) => a.topics.map(toRow),
    bodyOf: (edited: Row[]) => ({ topics: edited.map(toTopic) }),
    invalidates: ['topic-suggestions'],
  })
  // Pages through every stored response; each call re-assigns up to 50,000 of them.
  const apply = useMutation({
    mutationFn: async () => {
      const total = { scanned: 0, changed: 0 }
      let after: string | null = ''
      const range = allTimeQuery()
      while (after !== null) {
        const page: ReclassifyAnswer = await api<ReclassifyAnswer>(
          `/api/topics/reclassify?${range}${after ? `&after=${encodeURIComponent(after)}` : ''}`,
          { method: 'POST' },
        )
        total.scanned += page.scanned
        total.changed += page.changed
        after = page.next
      }
      return total
    },
    onSuccess: () => {
      // Every topic figure of the dashboard reads the stored topics.
      void client.invalidateQueries({ queryKey: ['topics'] })
      void client.invalidateQueries({ queryKey: ['topic-suggestions'] })
    },
  })
  const suggestions = useQuery({
    queryKey: ['topic-suggestions'],
    queryFn: () => api<TopicSuggestionsAnswer>('/api/topics/suggestions?minCount=3&limit=10'),
  })
  const set = (i: number, patch: (r: Row) => Row) => setRows(rows.map((r, k) => (k === i ? patch(r) : r)))
  const addSuggestion = (s: TopicSuggestionsAnswer['items'][number]) =>
    setRows([
      ...rows,
      {
        id: idOf(
          s.phrase,
          rows.map((r) => r.id),
        ),
        label: { de: s.phrase, en: s.phrase },
        keywords: {
          de: s.language === 'de' ? s.phrase.toLowerCase() : '',
          en: s.language === 'en' ? s.phrase.toLowerCase() : '',
        },
        exclude: { de: '', en: '' },
      },
    ])
  // Both sides through the form's own conversion, so only real edits count as unsaved.
  const dirty =
    JSON.stringify(rows.map(toTopic)) !== JSON.stringify(answer.topics.map((x) => toTopic(toRow(x))))
  return (
    <>
      <ActionForm label={t('settings.topicTaxonomy')} onSubmit={() => save.mutate()}>
        <p className="muted">{answer.custom ? t('settings.topicsCustom') : t('settings.topicsDefault')}</p>
        <ol className="rules">
          {rows.map((row, i) => {
            const name = row.label[i18n.language === 'de' ? 'de' : 'en'] || row.id || String(i + 1)
            return (
              <li key={i} className="question" aria-label={t('settings.topicN', { name })}>
                <div className="controls">
                  <label>
                    <span>{t('settings.topicId', { name })}</span>
                    <input
                      type="text"
                      value={row.id}
                      pattern="[a-z0-9][a-z0-9\-]*"
                      maxLength={60}
                      required
                      onChange={(e) => set(i, (r) => ({ ...r, id: e.target.value }))}
                    />
                  </label>
                  {LANGS.map((lang) => (
                    <label key={lang}>
                      <span>{t(`settings.topicLabel_${lang}`, { name })}</span>
                      <input
                        type="text"
                        value={row.label[lang]}
                        maxLength={80}
                        required
                        onChange={(e) =>
                          set(i, (r) => ({ ...r, label: { ...r.label, [lang]: e.target.value } }))
                        }
                      />
                    </label>
                  ))}
                  <button type="button" onClick={() => setRows(rows.filter((_, k) => k !== i))}>
                    {t('settings.removeTopic', { name })}
                  </button>
                </div>
                <div className="controls">
                  {LANGS.map((lang) => (
                    <label key={lang} className="grow">
                      <span>{t(`settings.topicKeywords_${lang}`, { name })}</span>
                      <textarea
                        rows={2}
                        value={row.keywords[lang]}
                        onChange={(e) =>
                          set(i, (r) => ({ ...r, keywords: { ...r.keywords, [lang]: e.target.value } }))
                        }
                      />
                    </label>
                  ))}
                </div>
                <div className="controls">
                  {LANGS.map((lang) => (
                    <label key={lang} className="grow">
                      <span>{t(`settings.topicExclude_${lang}`, { name })}</span>
                      <input
                        type="text"
                        value={row.exclude[lang]}
                        onChange={(e) =>
                          set(i, (r) => ({ ...r, exclude: { ...r.exclude, [lang]: e.target.value } }))
                        }
                      />
                    </label>
                  ))}
                </div>
              </li>
            )
          })}
        </ol>
        <div className="controls">
          <button
            type="button"
            onClick={() =>
              setRows([
                ...rows,
                {
                  id: idOf(
                    'topic',
                    rows.map((r) => r.id),
                  ),
                  label: { de: '', en: '' },
                  keywords: { de: '', en: '' },
                  exclude: { de: '', en: '' },
                },
              ])
            }
          >
            {t('settings.addTopic')}
          </button>
          <button type="submit" className="primary" disabled={save.isPending}>
            {t('settings.saveTopics')}
          </button>
          <button type="button" disabled={reset.isPending || !answer.custom} onClick={() => reset.mutate()}>
            {t('settings.resetTopics')}
          </button>
          <button type="button" disabled={apply.isPending || dirty} onClick={() => apply.mutate()}>
            {apply.isPending ? t('settings.applyingTopics') : t('settings.applyTopics')}
          </button>
        </div>
        {save.isError ? <ErrorBox error={save.error} /> : null}
        {reset.isError ? <ErrorBox error={reset.error} /> : null}
        {apply.isError ? <ErrorBox error={apply.error} /> : null}
        {save.isSuccess && !dirty ? (
          <p role="status" className="muted">
            {t('settings.topicsSaved')}
          </p>
        ) : null}
        {apply.data ? (
          <p role="status" className="muted">
            {t('settings.topicsApplied', {
              scanned: f.integer(apply.data.scanned),
              changed: f.integer(apply.data.changed),
            })}
          </p>
        ) : null}
      </ActionForm>
      <h3>{t('settings.topicSuggestions')}</h3>
      <p className="muted">{t('settings.topicSuggestionsBody')}</p>
      <QueryState query={suggestions}>
        {(data) =>
          data.items.length === 0 ? (
            <p className="muted">
              {t('settings.noTopicSuggestions', { comments: f.integer(data.comments) })}
            </p>
          ) : (
            <DataTable
              caption={t('settings.topicSuggestions')}
              filename="topic-suggestions"
              rows={data.items}
              rowKey={(x) => `${x.language}:${x.phrase}`}
              columns={[
                { header: t('settings.suggestedPhrase'), value: (x) => x.phrase },
                { header: t('settings.suggestionLanguage'), value: (x) => x.language },
                {
                  header: t('settings.suggestionComments'),
                  value: (x) => x.count,
                  render: (x) => f.integer(x.count),
                  numeric: true,
                },
                { header: t('settings.suggestionExamples'), value: (x) => x.examples.join(' · ') },
                {
                  header: '',
                  value: () => '',
                  render: (x) => (
                    <button type="button" onClick={() => addSuggestion(x)}>
                      {t('settings.addAsTopic', { phrase: x.phrase })}
                    </button>
                  ),
                },
              ]}
            />
          )
        }
      </QueryState>
    </>
  )
}

/** The topic taxonomy: keyword rules per topic in German and English, suggestions for new topics. */
export function TopicsSection() {
  const { t } = useTranslation()
  const taxonomy = useQuery({
    queryKey: ['topic-taxonomy'],
    queryFn: () => api<TopicTaxonomyAnswer>('/api/topics'),
  })
  return (
    <SettingsPanel id="topics" title={t('settings.topics')} body={t('settings.topicsBody')}>
      <QueryState query={taxonomy}>
        {(answer) => <TaxonomyForm key={String(answer.custom)} answer={answer} />}
      </QueryState>
    </SettingsPanel>
  )
}
