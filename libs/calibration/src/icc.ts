import { CalibrationInputError, describeValue } from './errors';

/**
 * Shrout & Fleiss (1979) forms. ICC(1,·): each target rated by a different random set of judges
 * (one-way random). ICC(2,·): the same judges rate every target, judges a random sample (two-way random,
 * absolute agreement). ICC(3,·): the same fixed judges (two-way mixed, consistency). The `k` forms give
 * the reliability of the mean of the k judges instead of a single judge.
 */
export type IccForm = 'ICC1' | 'ICC2' | 'ICC3' | 'ICC1k' | 'ICC2k' | 'ICC3k';

export const ICC_FORMS: readonly IccForm[] = ['ICC1', 'ICC2', 'ICC3', 'ICC1k', 'ICC2k', 'ICC3k'];

/** ANOVA mean squares of a complete targets × judges table (Shrout & Fleiss 1979, Table 1). */
export interface IccAnova {
  /** n: number of targets (rows). */
  targets: number;
  /** k: number of judges (columns). */
  judges: number;
  /** Between-targets mean square. */
  BMS: number;
  /** Within-target mean square (one-way). */
  WMS: number;
  /** Between-judges mean square. */
  JMS: number;
  /** Residual mean square (two-way). */
  EMS: number;
}

/**
 * Mean squares of `data[t][j]` (judge j's rating of target t; complete, at least 2 × 2, finite numbers).
 */
export function iccAnova(data: ReadonlyArray<ReadonlyArray<number>>): IccAnova {
  if (!Array.isArray(data) || data.length < 2) {
    throw new CalibrationInputError('invalid_data', 'data', 'need at least 2 targets (rows)');
  }
  const n = data.length;
  const k = Array.isArray(data[0]) ? data[0].length : 0;
  if (k < 2) throw new CalibrationInputError('invalid_data', 'data[0]', 'need at least 2 judges (columns)');
  const rowSums = new Float64Array(n);
  const colSums = new Float64Array(k);
  let total = 0;
  for (let t = 0; t < n; t++) {
    const row = data[t];
    if (!Array.isArray(row) || row.length !== k) {
      throw new CalibrationInputError('invalid_data', `data[${t}]`, `every row must hold ${k} ratings (the table must be complete)`);
    }
    for (let j = 0; j < k; j++) {
      const x = row[j];
      if (typeof x !== 'number' || !Number.isFinite(x)) {
        throw new CalibrationInputError('invalid_data', `data[${t}][${j}]`, `expected a finite number, got ${describeValue(x)}`);
      }
      rowSums[t] += x;
      colSums[j] += x;
      total += x;
    }
  }
  const grand = total / (n * k);
  let ssTotal = 0;
  let ssRows = 0;
  let ssCols = 0;
  for (let t = 0; t < n; t++) {
    for (let j = 0; j < k; j++) ssTotal += (data[t][j] - grand) ** 2;
    ssRows += k * (rowSums[t] / k - grand) ** 2;
  }
  for (let j = 0; j < k; j++) ssCols += n * (colSums[j] / n - grand) ** 2;
  const ssWithin = ssTotal - ssRows;
  const ssError = ssWithin - ssCols;
  return {
    targets: n,
    judges: k,
    BMS: ssRows / (n - 1),
    WMS: ssWithin / (n * (k - 1)),
    JMS: ssCols / (k - 1),
    EMS: ssError / ((n - 1) * (k - 1)),
  };
}

/**
 * Intraclass correlation, Shrout & Fleiss (1979), "Intraclass correlations: uses in assessing rater
 * reliability", Psychological Bulletin 86(2), 420–428, equations for ICC(1,1) … ICC(3,k):
 *
 *   ICC1  = (BMS − WMS) / (BMS + (k − 1)·WMS)
 *   ICC2  = (BMS − EMS) / (BMS + (k − 1)·EMS + k·(JMS − EMS)/n)
 *   ICC3  = (BMS − EMS) / (BMS + (k − 1)·EMS)
 *   ICC1k = (BMS − WMS) / BMS
 *   ICC2k = (BMS − EMS) / (BMS + (JMS − EMS)/n)
 *   ICC3k = (BMS − EMS) / BMS
 *
 * `data[t][j]` is judge j's rating of target t, complete. Returns NaN when the denominator is 0
 * (e.g. every rating identical).
 */
export function icc(data: ReadonlyArray<ReadonlyArray<number>>, form: IccForm): number {
  if (!ICC_FORMS.includes(form)) {
    throw new CalibrationInputError('invalid_option', 'form', `expected one of ${ICC_FORMS.join(', ')}, got ${describeValue(form)}`);
  }
  return iccFromAnova(iccAnova(data), form);
}

/** Every form at once, from one ANOVA. */
export function iccAll(data: ReadonlyArray<ReadonlyArray<number>>): Record<IccForm, number> {
  const a = iccAnova(data);
  return {
    ICC1: iccFromAnova(a, 'ICC1'),
    ICC2: iccFromAnova(a, 'ICC2'),
    ICC3: iccFromAnova(a, 'ICC3'),
    ICC1k: iccFromAnova(a, 'ICC1k'),
    ICC2k: iccFromAnova(a, 'ICC2k'),
    ICC3k: iccFromAnova(a, 'ICC3k'),
  };
}

function iccFromAnova(a: IccAnova, form: IccForm): number {
  const { targets: n, judges: k, BMS, WMS, JMS, EMS } = a;
  let num: number;
  let den: number;
  switch (form) {
    case 'ICC1':
      num = BMS - WMS;
      den = BMS + (k - 1) * WMS;
      break;
    case 'ICC2':
      num = BMS - EMS;
      den = BMS + (k - 1) * EMS + (k * (JMS - EMS)) / n;
      break;
    case 'ICC3':
      num = BMS - EMS;
      den = BMS + (k - 1) * EMS;
      break;
    case 'ICC1k':
      num = BMS - WMS;
      den = BMS;
      break;
    case 'ICC2k':
      num = BMS - EMS;
      den = BMS + (JMS - EMS) / n;
      break;
    case 'ICC3k':
      num = BMS - EMS;
      den = BMS;
      break;
  }
  return den === 0 ? NaN : num / den;
}
