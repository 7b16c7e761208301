/**
 * Kaplan–Meier survival curves with Greenwood's variance, and the two-group log-rank (Mantel–Haenszel) test.
 * Used for retention: time from hire to departure, still employed = censored.
 */
import { chiSquare1UpperTail } from './distributions';

export interface SurvivalObservation {
  /** Time from the start (e.g. days since hire); ≥ 0. */
  readonly time: number;
  /** true = the event happened at `time` (a departure); false = still at risk then (censored). */
  readonly event: boolean;
}

export interface KaplanMeierStep {
  readonly time: number;
  readonly atRisk: number;
  readonly events: number;
  /** Observations censored at this time (they count as at risk at this time, as usual). */
  readonly censored: number;
  /** S(t) just after `time`. */
  readonly survival: number;
  /** Greenwood standard error of S(t): S(t)·√Σ d/(n(n − d)); null once S(t) = 0 (undefined there). */
  readonly standardError: number | null;
}

export interface KaplanMeierCurve {
  readonly n: number;
  readonly events: number;
  /** One step per distinct time with an event or a censoring, in time order. */
  readonly steps: readonly KaplanMeierStep[];
  /** Smallest event time with S(t) ≤ 0.5; null when the curve never gets there. */
  readonly median: number | null;
}

function assertObservations(observations: readonly SurvivalObservation[]): void {
  observations.forEach((o, i) => {
    if (!Number.isFinite(o.time) || o.time < 0) throw new RangeError(`survival: observation ${i} has an invalid time ${o.time}`);
  });
}

interface TimeTally {
  time: number;
  events: number;
  censored: number;
}

/** Distinct times in order, with the events and censorings at each. */
function tally(observations: readonly SurvivalObservation[]): TimeTally[] {
  const sorted = [...observations].sort((a, b) => a.time - b.time);
  const out: TimeTally[] = [];
  for (const o of sorted) {
    let last = out[out.length - 1];
    if (last === undefined || last.time !== o.time) {
      last = { time: o.time, events: 0, censored: 0 };
      out.push(last);
    }
    if (o.event) last.events++;
    else last.censored++;
  }
  return out;
}

export function kaplanMeier(observations: readonly SurvivalObservation[]): KaplanMeierCurve {
  assertObservations(observations);
  let atRisk = observations.length;
  let survival = 1;
  let greenwoodSum = 0;
  let median: number | null = null;
  let totalEvents = 0;
  const steps: KaplanMeierStep[] = [];
  for (const t of tally(observations)) {
    if (t.events > 0) {
      survival *= 1 - t.events / atRisk;
      greenwoodSum += atRisk > t.events ? t.events / (atRisk * (atRisk - t.events)) : Number.POSITIVE_INFINITY;
      totalEvents += t.events;
      if (median === null && survival <= 0.5) median = t.time;
    }
    steps.push({
      time: t.time,
      atRisk,
      events: t.events,
      censored: t.censored,
      survival,
      standardError: survival > 0 && Number.isFinite(greenwoodSum) ? survival * Math.sqrt(greenwoodSum) : null,
    });
    atRisk -= t.events + t.censored;
  }
  return { n: observations.length, events: totalEvents, steps, median };
}

export interface LogRankResult {
  readonly observed: readonly [number, number];
  readonly expected: readonly [number, number];
  /** Hypergeometric variance of O₁ − E₁ summed over event times. */
  readonly variance: number;
  /** (O₁ − E₁)² / V, χ² with 1 degree of freedom under equal survival. */
  readonly chiSquare: number;
  readonly pValue: number;
}

/** Two-group log-rank test; null when no events happened at all (nothing to compare). */
export function logRank(groupA: readonly SurvivalObservation[], groupB: readonly SurvivalObservation[]): LogRankResult | null {
  assertObservations(groupA);
  assertObservations(groupB);
  const pooled = [...groupA.map((o) => ({ ...o, group: 0 })), ...groupB.map((o) => ({ ...o, group: 1 }))].sort((a, b) => a.time - b.time);
  let atRiskA = groupA.length;
  let atRisk = pooled.length;
  let observedA = 0;
  let expectedA = 0;
  let variance = 0;
  let totalEvents = 0;
  let i = 0;
  while (i < pooled.length) {
    const time = pooled[i].time;
    let d = 0;
    let dA = 0;
    let leavingA = 0;
    let leaving = 0;
    while (i < pooled.length && pooled[i].time === time) {
      const o = pooled[i];
      if (o.event) {
        d++;
        if (o.group === 0) dA++;
      }
      if (o.group === 0) leavingA++;
      leaving++;
      i++;
    }
    if (d > 0) {
      const share = atRiskA / atRisk;
      observedA += dA;
      expectedA += d * share;
      if (atRisk > 1) variance += (d * share * (1 - share) * (atRisk - d)) / (atRisk - 1);
      totalEvents += d;
    }
    atRiskA -= leavingA;
    atRisk -= leaving;
  }
  if (totalEvents === 0 || variance === 0) return null;
  const chiSquare = ((observedA - expectedA) * (observedA - expectedA)) / variance;
  return {
    observed: [observedA, totalEvents - observedA],
    expected: [expectedA, totalEvents - expectedA],
    variance,
    chiSquare,
    pValue: chiSquare1UpperTail(chiSquare),
  };
}
