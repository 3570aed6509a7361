// Public entry of the customer-lifetime-value models: BG/NBD, Pareto/NBD, Gamma-Gamma, discounted CLV.
export { bgNbdLogLikelihood, fitBgNbd, validateRfm } from './bg-nbd.ts'
export type { BgNbdParams, FitOptions, ModelFit } from './bg-nbd.ts'
export {
  bgNbdExpectedPurchases,
  bgNbdExpectedPurchasesNewCustomer,
  bgNbdProbabilityAlive,
  bgNbdPurchaseProbability,
} from './bg-nbd-predictions.ts'
export { fitGammaGamma, gammaGammaExpectedSpend, gammaGammaLogLikelihood } from './gamma-gamma.ts'
export type { CustomerSpend, GammaGammaParams } from './gamma-gamma.ts'
export {
  fitParetoNbd,
  paretoNbdExpectedPurchases,
  paretoNbdLogLikelihood,
  paretoNbdProbabilityAlive,
} from './pareto-nbd.ts'
export type { ParetoNbdParams } from './pareto-nbd.ts'
export { bgNbdGammaGammaLifetimeValue, customerLifetimeValue } from './customer-lifetime-value.ts'
export type { LifetimeValueOptions } from './customer-lifetime-value.ts'
export { summarizeTransactions, utcDay } from './customer-summary.ts'
export type {
  CustomerRfm,
  CustomerSummary,
  SummaryOptions,
  TimeUnit,
  Transaction,
} from './customer-summary.ts'
export { logHypergeometric2F1 } from './hypergeometric.ts'
export { minimizeNelderMead } from './nelder-mead.ts'
export type { MinimizeResult, NelderMeadOptions } from './nelder-mead.ts'
