// How demo customers answer: scores follow what happened to them (a late delivery makes
// detractors, a quick return low effort), and comments talk about it.
import type { AnswerValue } from '@touchstone/core/surveys'
import type { Random } from '@touchstone/core/random'
import { demoComment, type CommentSituation } from './demo-comments.ts'
import type { DemoSurveyKey } from './demo-surveys.ts'

/** One survey-triggering moment taken from the demo events. */
export interface DemoTrigger {
  survey: DemoSurveyKey
  /** Epoch ms of the event. */
  t: number
  late: boolean
  /** Ticket reason, return reason … */
  reason: string
  touchpoint: string
  /** A bad week for deliveries (carrier trouble), known only to the generator. */
  badWeek: boolean
}

/** Weights of each score value, lowest first. */
const WEIGHTS: Record<string, readonly number[]> = {
  'delivery-ok': [1, 1, 1, 1, 2, 3, 4, 8, 16, 26, 37],
  'delivery-late': [6, 5, 6, 7, 8, 10, 11, 14, 14, 10, 9],
  'service-issue': [16, 13, 17, 29, 25],
  'service-billing': [22, 16, 18, 24, 20],
  'returns-web': [15, 22, 20, 15, 12, 9, 7],
  'returns-store': [30, 30, 17, 10, 7, 4, 2],
  'returns-damaged': [8, 10, 14, 16, 18, 18, 16],
  'store-ok': [0.5, 0.5, 1, 1, 2, 3, 4, 9, 18, 28, 33],
  // Long queues at the till in Hamburg show in its NPS.
  'store-hamburg': [2, 2, 3, 4, 5, 7, 8, 14, 18, 19, 18],
  app: [6, 10, 22, 34, 28],
  purchase: [3, 5, 12, 38, 42],
  'purchase-app': [8, 10, 16, 34, 32],
}

const OFFSET: Record<DemoSurveyKey, number> = {
  delivery: 0,
  purchase: 1,
  service: 1,
  returns: 1,
  store: 0,
  app: 1,
}

function weightsFor(t: DemoTrigger): readonly number[] {
  switch (t.survey) {
    case 'delivery':
      return WEIGHTS[t.late || t.badWeek ? 'delivery-late' : 'delivery-ok']!
    case 'service':
      return WEIGHTS[t.reason === 'rechnung' ? 'service-billing' : 'service-issue']!
    case 'returns':
      return WEIGHTS[
        t.reason === 'beschädigt'
          ? 'returns-damaged'
          : t.touchpoint.startsWith('store-')
            ? 'returns-store'
            : 'returns-web'
      ]!
    case 'store':
      return WEIGHTS[t.touchpoint === 'store-hamburg' ? 'store-hamburg' : 'store-ok']!
    case 'app':
      return WEIGHTS.app!
    case 'purchase':
      return WEIGHTS[t.touchpoint.startsWith('app-') ? 'purchase-app' : 'purchase']!
  }
}

/** How good a score is, 0 (worst) … 1 (best); CES counts down. */
function goodness(survey: DemoSurveyKey, score: number): number {
  if (survey === 'delivery' || survey === 'store') return score / 10
  if (survey === 'returns') return (7 - score) / 6
  return (score - 1) / 4
}

function situations(t: DemoTrigger, good: number, rng: Random): CommentSituation[] {
  const high = good >= 0.75
  const low = good <= 0.5
  switch (t.survey) {
    case 'delivery':
      if (high) return rng.chance(0.6) ? ['good-delivery', 'quality-good'] : ['quality-good', 'good-delivery']
      if (low && (t.late || t.badWeek))
        return rng.chance(0.3) ? ['late-delivery', 'hotline-bad'] : ['late-delivery']
      if (low) return [rng.pick(['damaged', 'quality-bad', 'price-high'] as const), 'hotline-bad']
      return [rng.pick(['neutral', 'price-high'] as const), 'good-delivery']
    case 'service':
      if (high) return ['service-good']
      if (t.reason === 'rechnung') return ['billing', 'hotline-bad']
      return low ? ['hotline-bad'] : ['neutral']
    case 'returns':
      return high ? ['return-easy'] : low ? ['return-hard', 'hotline-bad'] : ['neutral', 'return-easy']
    case 'store':
      return high ? ['store-good', 'quality-good'] : low ? ['store-bad', 'price-high'] : ['neutral']
    case 'app':
      return low ? ['app-bad'] : ['neutral']
    case 'purchase':
      if (high) return t.touchpoint.startsWith('store-') ? ['store-good', 'quality-good'] : ['quality-good']
      if (low) return t.touchpoint.startsWith('app-') ? ['app-bad', 'price-high'] : ['price-high', 'billing']
      return ['neutral', 'price-high']
  }
}

/** The answers, score and comment of one demo response. */
export function demoAnswers(
  rng: Random,
  t: DemoTrigger,
  lang: 'de' | 'en',
): { answers: Record<string, AnswerValue>; comment: string | undefined } {
  const score = rng.weighted(weightsFor(t)) + OFFSET[t.survey]
  const good = goodness(t.survey, score)
  const answers: Record<string, AnswerValue> = {}
  if (t.survey === 'app') {
    answers.rating = score
    const features = ['wishlist', 'ar', 'tracking', 'club'].filter(() => rng.chance(0.4))
    if (features.length > 0) answers.features = features
    if (rng.chance(0.45)) answers.wish = demoComment(rng, lang, situations(t, good, rng))
    return { answers, comment: undefined }
  }
  answers.score = score
  if (t.survey === 'delivery' && rng.chance(0.7)) {
    answers.aspect =
      t.late || t.badWeek ? 'delivery' : rng.pick(['delivery', 'product', 'product', 'price', 'service'])
  }
  const commentChance = good <= 0.5 ? 0.55 : good >= 0.9 ? 0.4 : 0.3
  return {
    answers,
    comment: rng.chance(commentChance) ? demoComment(rng, lang, situations(t, good, rng)) : undefined,
  }
}
