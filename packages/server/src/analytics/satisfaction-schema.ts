import { Type } from '@sinclair/typebox'

const Score = Type.Union([
  Type.Object({ n: Type.Integer(), score: Type.Number(), lower: Type.Number(), upper: Type.Number() }),
  Type.Null(),
])

/** The OpenAPI shape of resolved-responses.ts' Satisfaction (NPS, CSAT, comment sentiment). */
export const SatisfactionSchema = {
  responses: Type.Integer(),
  nps: Score,
  csat: Score,
  sentiment: Type.Union([Type.Object({ comments: Type.Integer(), mean: Type.Number() }), Type.Null()]),
}

/** Per-stage satisfaction as answered by the journey stage endpoints. */
export const StageSatisfactionSchema = Type.Array(
  Type.Object({ stage: Type.String(), ...SatisfactionSchema }),
  {
    description:
      'Per stage: NPS, CSAT (with 95 % intervals) and mean comment sentiment of the responses given in it',
  },
)
