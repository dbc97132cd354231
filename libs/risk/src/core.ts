// @corridor/risk/core: the pure learning and scoring core (no Nest, no database), so the
// evaluate/synth CLI and batch tools start without loading the framework.
export { RiskInputError } from './shared/risk-input-error';
export { parseCsv, readCsvFile } from './csv/read-csv';
export { csvField, csvLine, toCsv } from './csv/write-csv';
export { inferSchema, numericHint, type ColumnKind, type ColumnSpec, type IgnoredColumn, type InferOptions, type NumericHint, type RiskSchema, type Table } from './schema/infer-schema';
export { trainRiskModel, retrainRiskModel, readLabels, type TrainOptions } from './model/train';
export { RiskModel, createEmptyRiskModel, type RiskScore, type RiskModelJSON, type TrainingInfo } from './model/risk-model';
export { tableFromRecords, type RiskRecord } from './model/prepared-row';
export { BatchContext, type ContextSpec } from './model/batch-context';
export type { Reason } from './model/features';
export { smoothedRate, estimateStrength, combineRates } from './model/smoothing';
export { rocAuc, selectionMetrics, rankByScore, selectionSize, type SelectionMetrics } from './evaluate/metrics';
export { runEvaluation, findRevenueColumn, formatScore, EVALUATION_RATES, type EvaluateOptions, type EvaluationReport, type EvaluationMetrics } from './evaluate/evaluate';
export { generateDeclarations, SYNTH_HEADER, DE_MINIMIS_USD, type SynthOptions } from './synth/generate-declarations';
export { selectForInspection, thresholdForRate, randomDraw, type Channel, type SelectionBasis, type ScoredItem, type SelectionOptions, type SelectionDecision, type SelectionResult } from './selection/select-for-inspection';
