import type { TFunction } from 'i18next'

/** The journey stage's name in the chosen language (unknown stages keep their id). */
export function stageLabel(t: TFunction, stage: string): string {
  return t(`stages.${stage}`, { defaultValue: stage })
}
