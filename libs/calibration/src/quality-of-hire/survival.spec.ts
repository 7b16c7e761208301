import { kaplanMeier, logRank, type SurvivalObservation } from '@hireloop/calibration/quality-of-hire';

/**
 * Freireich et al. (1963), "The effect of 6-mercaptopurine on the duration of steroid-induced remissions in acute
 * leukemia", Blood 21: 699–716 — remission length in weeks, 21 children per arm, `+` = still in remission
 * (censored). As tabulated by Gehan (1965), Biometrika 52: 203–223, and e.g. Le, "Introductory Biostatistics"
 * (Wiley 2003), Example 11.1, p. 385.
 *
 * Published figures reproduced here:
 * - Kaplan–Meier of the 6-MP arm with Greenwood standard errors, as printed by R's
 *   `summary(survfit(Surv(time, cens) ~ 1, data = subset(MASS::gehan, treat == "6-MP")))` and in Kleinbaum & Klein,
 *   "Survival Analysis: A Self-Learning Text" (3rd ed., Springer 2012), ch. 2: S = 0.857, 0.807, 0.753, 0.690,
 *   0.627, 0.538, 0.448 at weeks 6, 7, 10, 13, 16, 22, 23; SE = 0.0764, 0.0869, 0.0963, 0.1068, 0.1141, 0.1282, 0.1346.
 * - Placebo median remission 8 weeks, 6-MP median 23 weeks (Kleinbaum & Klein, ch. 2).
 * - Log-rank test 6-MP vs placebo: χ² = 16.79 on 1 df (Kleinbaum & Klein, ch. 2, "Log-rank = 16.79");
 *   R's `survdiff(Surv(time, cens) ~ treat, data = MASS::gehan)`: "Chisq= 16.8 on 1 degrees of freedom, p= 4e-05",
 *   observed 9 vs expected 19.3 in the 6-MP arm, 21 vs 10.7 on placebo.
 */
const sixMpEvents = [6, 6, 6, 7, 10, 13, 16, 22, 23];
const sixMpCensored = [6, 9, 10, 11, 17, 19, 20, 25, 32, 32, 34, 35];
const placeboEvents = [1, 1, 2, 2, 3, 4, 4, 5, 5, 8, 8, 8, 8, 11, 11, 12, 12, 15, 17, 22, 23];

const observations = (events: number[], censored: number[] = []): SurvivalObservation[] => [
  ...events.map((time) => ({ time, event: true })),
  ...censored.map((time) => ({ time, event: false })),
];
const sixMp = observations(sixMpEvents, sixMpCensored);
const placebo = observations(placeboEvents);

describe('Kaplan–Meier on the Freireich 6-MP arm', () => {
  const curve = kaplanMeier(sixMp);
  const eventSteps = curve.steps.filter((s) => s.events > 0);

  it.each([
    [6, 21, 3, 0.857, 0.0764],
    [7, 17, 1, 0.807, 0.0869],
    [10, 15, 1, 0.753, 0.0963],
    [13, 12, 1, 0.69, 0.1068],
    [16, 11, 1, 0.627, 0.1141],
    [22, 7, 1, 0.538, 0.1282],
    [23, 6, 1, 0.448, 0.1346],
  ])('week %d: %d at risk, %d relapses, S = %d, Greenwood SE = %d', (time, atRisk, events, survival, se) => {
    const step = eventSteps.find((s) => s.time === time)!;
    expect(step.atRisk).toBe(atRisk);
    expect(step.events).toBe(events);
    expect(step.survival).toBeCloseTo(survival, 3);
    expect(step.standardError!).toBeCloseTo(se, 4);
  });

  it('has relapses at exactly the published weeks, 9 events of 21, median 23 weeks', () => {
    expect(eventSteps.map((s) => s.time)).toEqual([6, 7, 10, 13, 16, 22, 23]);
    expect(curve.n).toBe(21);
    expect(curve.events).toBe(9);
    expect(curve.median).toBe(23);
  });

  it('placebo arm (no censoring): median 8 weeks, S reaches 0 at week 23 with an undefined SE', () => {
    const p = kaplanMeier(placebo);
    expect(p.median).toBe(8);
    const last = p.steps[p.steps.length - 1];
    expect(last.time).toBe(23);
    expect(last.survival).toBe(0);
    expect(last.standardError).toBeNull();
    // Without censoring S(t) is the plain proportion still in remission: 8 of 21 after week 8.
    expect(p.steps.find((s) => s.time === 8)!.survival).toBeCloseTo(8 / 21, 12);
  });

  it('censored-only data give a flat curve at 1 and no median', () => {
    const flat = kaplanMeier(observations([], [3, 5, 8]));
    expect(flat.steps.every((s) => s.survival === 1)).toBe(true);
    expect(flat.median).toBeNull();
  });
});

describe('log-rank test, 6-MP vs placebo', () => {
  it('reproduces the published χ² = 16.79 (p ≈ 4e-05), O = 9 / E = 19.3 and O = 21 / E = 10.7', () => {
    const result = logRank(sixMp, placebo)!;
    expect(result.chiSquare).toBeCloseTo(16.79, 2);
    expect(result.pValue).toBeGreaterThan(3.5e-5);
    expect(result.pValue).toBeLessThan(4.5e-5);
    expect(result.observed).toEqual([9, 21]);
    expect(result.expected[0]).toBeCloseTo(19.25, 1);
    expect(result.expected[1]).toBeCloseTo(10.75, 1);
  });

  it('is symmetric in the groups and 0 for identical groups', () => {
    expect(logRank(placebo, sixMp)!.chiSquare).toBeCloseTo(logRank(sixMp, placebo)!.chiSquare, 10);
    const same = logRank(sixMp, sixMp)!;
    expect(same.chiSquare).toBeCloseTo(0, 12);
    expect(same.pValue).toBeCloseTo(1, 6);
  });

  it('is absent when nobody had an event', () => {
    expect(logRank(observations([], [1, 2]), observations([], [3]))).toBeNull();
  });
});
