/**
 * A whole validity report (issue 15, item 3) assembled from plain rows: every predictor × every outcome through
 * `assessValidity`, the Case II correction fed with the spread of each predictor among EVERYONE assessed, the
 * panel-score / 12-month-rating scatter, and retention curves by recommendation with a log-rank test.
 *
 * No database, no I/O: the worker reads the rows with a few set-based statements and calls `buildValidityReport`.
 */
import { standardDeviation } from './correlation';
import { normalQuantile } from './distributions';
import { kaplanMeier, logRank, type SurvivalObservation } from './survival';
import { assessValidity, DEFAULT_BOOTSTRAP_BELOW_N, DEFAULT_LEVEL, DEFAULT_MIN_N, QUALITY_OF_HIRE_METHOD } from './validity';

export type PredictorKind = 'panel_score' | 'raw_score' | 'dimension' | 'round' | 'recommendation';
export type PanelRecommendation = 'hire' | 'no_hire' | 'inconclusive';

export interface PredictorDefinition {
  readonly key: string;
  readonly label: string;
  readonly kind: PredictorKind;
}

export interface OutcomeDefinition {
  readonly key: string;
  readonly label: string;
}

/** The outcome whose value the scatter plots against the panel score. */
export const SCATTER_OUTCOME_KEY = 'rating_12m';
export const PANEL_SCORE_KEY = 'panel_score';

/** One assessed application (hired or not). Predictors and outcomes are keyed by their definitions' keys. */
export interface AssessedApplication {
  readonly applicationId: string;
  readonly hired: boolean;
  readonly recommendation: PanelRecommendation | null;
  /** Missing key or null: not measured for this application. */
  readonly predictors: Readonly<Record<string, number | null | undefined>>;
  /** Hired applications only (ignored otherwise); oriented so that higher = better. */
  readonly outcomes?: Readonly<Record<string, number | null | undefined>>;
  /** Hired applications only: days from the hire to the departure, or to today when still employed. */
  readonly tenure?: { readonly days: number; readonly departed: boolean } | null;
}

export interface ValidityReportInput {
  readonly predictors: readonly PredictorDefinition[];
  readonly outcomes: readonly OutcomeDefinition[];
  readonly applications: readonly AssessedApplication[];
}

export interface ValidityReportOptions {
  readonly minN?: number;
  readonly bootstrapBelowN?: number;
  readonly level?: number;
  readonly bootstrapSeed?: number;
  readonly bootstrapResamples?: number;
}

export interface ReportInterval {
  readonly low: number;
  readonly high: number;
}

export interface ValidityCell {
  readonly predictorKey: string;
  readonly outcomeKey: string;
  readonly status: 'not_enough_data' | 'undefined' | 'estimated';
  readonly n: number;
  readonly pearson: number | null;
  readonly spearman: number | null;
  readonly interval: ReportInterval | null;
  readonly intervalMethod: 'fisher_z' | 'bootstrap' | null;
  readonly corrected: number | null;
  readonly correctedInterval: ReportInterval | null;
  readonly verdict: 'predictive' | 'not_predictive' | null;
}

export interface RetentionPoint {
  readonly day: number;
  readonly survival: number;
  readonly low: number;
  readonly high: number;
}

export interface RetentionGroup {
  readonly key: 'hire' | 'hired_despite';
  readonly label: string;
  readonly n: number;
  readonly events: number;
  /** Empty while the retention section is `not_enough_data`. */
  readonly curve: readonly RetentionPoint[];
}

export interface RetentionReport {
  readonly groups: readonly RetentionGroup[];
  readonly logRank: { readonly chiSquare: number; readonly df: number; readonly pValue: number } | null;
  readonly status: 'not_enough_data' | 'estimated';
}

export interface ValidityReport {
  readonly method: string;
  readonly minN: number;
  readonly level: number;
  readonly hires: number;
  readonly assessed: number;
  readonly predictors: readonly PredictorDefinition[];
  readonly outcomes: readonly OutcomeDefinition[];
  readonly cells: readonly ValidityCell[];
  readonly scatter: readonly { readonly applicationId: string; readonly panelScore: number; readonly rating: number }[];
  readonly retention: RetentionReport;
}

const EMPTY_CELL = {
  pearson: null,
  spearman: null,
  interval: null,
  intervalMethod: null,
  corrected: null,
  correctedInterval: null,
  verdict: null,
} as const;

function present(value: number | null | undefined): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

export function buildValidityReport(input: ValidityReportInput, options: ValidityReportOptions = {}): ValidityReport {
  const minN = options.minN ?? DEFAULT_MIN_N;
  const level = options.level ?? DEFAULT_LEVEL;
  const hired = input.applications.filter((a) => a.hired);
  // Columns read once (NaN = missing), so the cells below loop over typed arrays instead of looking keys up.
  const column = (rows: readonly AssessedApplication[], read: (a: AssessedApplication) => number | null | undefined) =>
    Float64Array.from(rows, (a) => {
      const v = read(a);
      return present(v) ? v : Number.NaN;
    });
  const outcomeColumns = input.outcomes.map((o) => column(hired, (a) => a.outcomes?.[o.key]));
  const cells: ValidityCell[] = [];
  for (const predictor of input.predictors) {
    // Case II's unrestricted spread: the predictor among everyone assessed, hired or not.
    const assessedValues = Array.from(column(input.applications, (a) => a.predictors[predictor.key])).filter((v) => !Number.isNaN(v));
    const assessedSd = assessedValues.length >= 2 ? standardDeviation(assessedValues) : null;
    const px = column(hired, (a) => a.predictors[predictor.key]);
    input.outcomes.forEach((outcome, o) => {
      const oy = outcomeColumns[o];
      const x: number[] = [];
      const y: number[] = [];
      for (let i = 0; i < px.length; i++) {
        if (!Number.isNaN(px[i]) && !Number.isNaN(oy[i])) {
          x.push(px[i]);
          y.push(oy[i]);
        }
      }
      const result = assessValidity(
        { predictor: x, outcome: y, assessedSd },
        {
          minN,
          level,
          bootstrapBelowN: options.bootstrapBelowN ?? DEFAULT_BOOTSTRAP_BELOW_N,
          bootstrapSeed: options.bootstrapSeed,
          bootstrapResamples: options.bootstrapResamples,
        },
      );
      const base = { predictorKey: predictor.key, outcomeKey: outcome.key, n: result.n };
      if (result.status !== 'estimated') {
        cells.push({ ...base, status: result.status, ...EMPTY_CELL });
        return;
      }
      cells.push({
        ...base,
        status: 'estimated',
        pearson: result.pearson,
        spearman: result.spearman,
        interval: { low: result.interval.low, high: result.interval.high },
        intervalMethod: result.interval.method === 'fisher_z' ? 'fisher_z' : 'bootstrap',
        corrected: result.corrected?.r ?? null,
        correctedInterval: result.corrected ? { low: result.corrected.interval.low, high: result.corrected.interval.high } : null,
        verdict: result.verdict,
      });
    });
  }
  const scatter = hired.flatMap((a) => {
    const panelScore = a.predictors[PANEL_SCORE_KEY];
    const rating = a.outcomes?.[SCATTER_OUTCOME_KEY];
    return present(panelScore) && present(rating) ? [{ applicationId: a.applicationId, panelScore, rating }] : [];
  });
  return {
    method: QUALITY_OF_HIRE_METHOD,
    minN,
    level,
    hires: hired.length,
    assessed: input.applications.length,
    predictors: input.predictors,
    outcomes: input.outcomes,
    cells,
    scatter,
    retention: buildRetention(hired, minN, level),
  };
}

/**
 * Retention by the panel's recommendation: hired on a `hire` recommendation vs hired despite `inconclusive` /
 * `no_hire`. Both groups need `minN` hires before any curve or test is shown.
 */
export function buildRetention(hired: readonly AssessedApplication[], minN: number, level = DEFAULT_LEVEL): RetentionReport {
  const followed: SurvivalObservation[] = [];
  const despite: SurvivalObservation[] = [];
  for (const a of hired) {
    if (!a.tenure || a.recommendation === null || !(a.tenure.days >= 0)) continue;
    (a.recommendation === 'hire' ? followed : despite).push({ time: a.tenure.days, event: a.tenure.departed });
  }
  const enough = followed.length >= minN && despite.length >= minN;
  const group = (key: RetentionGroup['key'], label: string, observations: SurvivalObservation[]): RetentionGroup => {
    const events = observations.filter((o) => o.event).length;
    return { key, label, n: observations.length, events, curve: enough ? survivalCurve(observations, level) : [] };
  };
  const test = enough ? logRank(followed, despite) : null;
  return {
    groups: [
      group('hire', 'Hired on a "hire" recommendation', followed),
      group('hired_despite', 'Hired despite "inconclusive" or "no hire"', despite),
    ],
    logRank: test ? { chiSquare: test.chiSquare, df: 1, pValue: test.pValue } : null,
    status: enough ? 'estimated' : 'not_enough_data',
  };
}

/** Kaplan–Meier steps with a pointwise Greenwood interval at `level`, clipped to [0, 1]; starts at day 0, S = 1. */
function survivalCurve(observations: readonly SurvivalObservation[], level: number): RetentionPoint[] {
  const z = normalQuantile(0.5 + level / 2);
  const curve: RetentionPoint[] = [{ day: 0, survival: 1, low: 1, high: 1 }];
  const steps = kaplanMeier(observations).steps;
  for (const step of steps) {
    if (step.events === 0) continue;
    const se = step.standardError ?? 0;
    curve.push({ day: step.time, survival: step.survival, low: Math.max(0, step.survival - z * se), high: Math.min(1, step.survival + z * se) });
  }
  // The curve runs on, flat, to the last follow-up (a censoring after the last departure).
  const last = steps[steps.length - 1];
  const end = curve[curve.length - 1];
  if (last && last.time > end.day) curve.push({ ...end, day: last.time });
  return curve;
}
