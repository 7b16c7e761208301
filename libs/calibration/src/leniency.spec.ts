import { CalibrationInputError, createLeniencyAccumulator, leniencyOffsets, type LeniencyRating, type Rating } from '@hireloop/calibration';

import { shuffled } from './spec-helpers';
import { syntheticHistory } from './synthetic';

const row = (interviewerId: string, applicationId: string, dimensionId: string, rating: Rating): LeniencyRating => ({
  interviewerId,
  applicationId,
  dimensionId,
  rating,
});

/**
 * Hand-computed history.
 *
 *   app1 / A: alice 4, bob 3, carol 2
 *   app1 / B: alice 3, bob 3
 *   app2 / A: alice 4, dave 2
 *   app2 / B: dave 3                 (alone: does not count)
 *   app3 / A: erin 1                 (alone: does not count)
 *
 * alice: app1/A 4 − (3+2)/2 = 1.5;  app1/B 3 − 3 = 0;  app2/A 4 − 2 = 2  → n 3, Σ 3.5, mean 1.1667
 * bob:   app1/A 3 − (4+2)/2 = 0;    app1/B 3 − 3 = 0                     → n 2, Σ 0
 * carol: app1/A 2 − (4+3)/2 = −1.5                                       → n 1, Σ −1.5
 * dave:  app2/A 2 − 4 = −2                                               → n 1, Σ −2
 * erin:  nothing co-rated                                                → n 0
 *
 * offset = n/(n+k) · Σ/n = Σ/(n+k).
 */
const HISTORY: LeniencyRating[] = [
  row('alice', 'app1', 'A', 4),
  row('bob', 'app1', 'A', 3),
  row('carol', 'app1', 'A', 2),
  row('alice', 'app1', 'B', 3),
  row('bob', 'app1', 'B', 3),
  row('alice', 'app2', 'A', 4),
  row('dave', 'app2', 'A', 2),
  row('dave', 'app2', 'B', 3),
  row('erin', 'app3', 'A', 1),
];

describe('leniencyOffsets', () => {
  it.each([
    {
      k: 5, // default
      expected: {
        alice: { offset: 0.4375, n: 3 }, // 3.5 / 8
        bob: { offset: 0, n: 2 },
        carol: { offset: -0.25, n: 1 }, // −1.5 / 6
        dave: { offset: -0.333333, n: 1 }, // −2 / 6
        erin: { offset: 0, n: 0 },
      },
    },
    {
      k: 0, // no shrinkage: the plain mean difference
      expected: {
        alice: { offset: 1.166667, n: 3 },
        bob: { offset: 0, n: 2 },
        carol: { offset: -1.5, n: 1 },
        dave: { offset: -2, n: 1 },
        erin: { offset: 0, n: 0 },
      },
    },
    {
      k: 1,
      expected: {
        alice: { offset: 0.875, n: 3 }, // 3.5 / 4
        bob: { offset: 0, n: 2 },
        carol: { offset: -0.75, n: 1 },
        dave: { offset: -1, n: 1 },
        erin: { offset: 0, n: 0 },
      },
    },
  ])('hand-computed history with k = $k', ({ k, expected }) => {
    expect(leniencyOffsets(HISTORY, k === 5 ? undefined : { k })).toEqual(expected);
  });

  it('is relative to co-panelists: a uniformly strong candidate pool is not leniency', () => {
    const strongPool = ['a1', 'a2', 'a3'].flatMap((app) => [row('x', app, 'D', 4), row('y', app, 'D', 4), row('z', app, 'D', 4)]);
    expect(leniencyOffsets(strongPool)).toEqual({ x: { offset: 0, n: 3 }, y: { offset: 0, n: 3 }, z: { offset: 0, n: 3 } });
  });

  it('a consistently generous interviewer gets a positive offset, shrunk towards 0 with little evidence', () => {
    // g rates one point above h on every co-rated application: diff +1 each.
    const rows = (apps: number) => Array.from({ length: apps }, (_, i) => [row('g', `a${i}`, 'D', 4), row('h', `a${i}`, 'D', 3)]).flat();
    expect(leniencyOffsets(rows(1)).g).toEqual({ offset: 0.166667, n: 1 }); // 1/6
    expect(leniencyOffsets(rows(5)).g).toEqual({ offset: 0.5, n: 5 }); // 5/10
    expect(leniencyOffsets(rows(95)).g).toEqual({ offset: 0.95, n: 95 }); // 95/100
    expect(leniencyOffsets(rows(95)).h).toEqual({ offset: -0.95, n: 95 });
  });

  it('repeated rows of one interviewer on the same application and dimension each count; the co-panelist mean excludes them all', () => {
    // p: 4 and 2 on app/D, q: 3. p's rows: 4 − 3 = 1, 2 − 3 = −1 → n 2, Σ 0. q: 3 − 3 = 0 → n 1.
    expect(leniencyOffsets([row('p', 'app', 'D', 4), row('p', 'app', 'D', 2), row('q', 'app', 'D', 3)], { k: 0 })).toEqual({
      p: { offset: 0, n: 2 },
      q: { offset: 0, n: 1 },
    });
  });

  it('does not depend on row order', () => {
    const history = syntheticHistory({ ratings: 5_000, seed: 3 });
    const expected = leniencyOffsets(history);
    for (const seed of [1, 2, 3]) expect(leniencyOffsets(shuffled(history, seed))).toEqual(expected);
  });

  it('accepts any iterable (e.g. a generator) and returns keys in sorted order', () => {
    function* rows() {
      yield* [...HISTORY].reverse();
    }
    expect(Object.keys(leniencyOffsets(rows()))).toEqual(['alice', 'bob', 'carol', 'dave', 'erin']);
  });

  it('empty history → no offsets', () => {
    expect(leniencyOffsets([])).toEqual({});
  });

  it.each([
    { name: 'rating 0', rows: [row('a', 'x', 'D', 0 as Rating)], code: 'invalid_rating', path: 'history[0].rating' },
    { name: 'rating 3.5', rows: [row('a', 'x', 'D', 3), row('b', 'x', 'D', 3.5 as Rating)], code: 'invalid_rating', path: 'history[1].rating' },
    { name: 'empty application id', rows: [row('a', '', 'D', 3)], code: 'invalid_id', path: 'history[0].applicationId' },
  ])('rejects $name', ({ rows, code, path }) => {
    expect(() => leniencyOffsets(rows)).toThrow(expect.objectContaining({ code, path }));
    expect(() => leniencyOffsets(rows)).toThrow(CalibrationInputError);
  });

  it.each([-1, NaN, Infinity])('rejects k = %p', (k) => {
    expect(() => leniencyOffsets(HISTORY, { k })).toThrow(CalibrationInputError);
  });
});

describe('createLeniencyAccumulator', () => {
  const sorted = (rows: LeniencyRating[]) =>
    [...rows].sort((a, b) =>
      a.applicationId < b.applicationId
        ? -1
        : a.applicationId > b.applicationId
          ? 1
          : a.dimensionId < b.dimensionId
            ? -1
            : a.dimensionId > b.dimensionId
              ? 1
              : 0,
    );

  it.each([
    { name: 'hand-computed history', rows: sorted(HISTORY) },
    { name: 'synthetic history of 20,000 ratings', rows: syntheticHistory({ ratings: 20_000, seed: 5 }) },
  ])('gives the same offsets as leniencyOffsets: $name', ({ rows }) => {
    const acc = createLeniencyAccumulator();
    for (const r of rows) acc.add(r);
    expect(acc.rows).toBe(rows.length);
    expect(acc.result()).toEqual(leniencyOffsets(rows));
    expect(acc.result({ k: 2 })).toEqual(leniencyOffsets(rows, { k: 2 }));
  });

  it('rows inside a group may come in any order', () => {
    const acc = createLeniencyAccumulator();
    for (const r of [HISTORY[2], HISTORY[0], HISTORY[1], HISTORY[4], HISTORY[3], HISTORY[6], HISTORY[5], HISTORY[7], HISTORY[8]]) acc.add(r);
    expect(acc.result()).toEqual(leniencyOffsets(HISTORY));
  });

  it('result() does not close the open group: adding may continue', () => {
    const acc = createLeniencyAccumulator();
    acc.add(HISTORY[0]);
    acc.add(HISTORY[1]);
    expect(acc.result({ k: 0 })).toEqual({ alice: { offset: 1, n: 1 }, bob: { offset: -1, n: 1 } });
    acc.add(HISTORY[2]); // same group app1/A
    expect(acc.result({ k: 0 })).toEqual({ alice: { offset: 1.5, n: 1 }, bob: { offset: 0, n: 1 }, carol: { offset: -1.5, n: 1 } });
  });

  it.each([
    { name: 'an earlier application', rows: [row('a', 'app2', 'A', 3), row('b', 'app1', 'A', 3)] },
    { name: 'an earlier dimension of the same application', rows: [row('a', 'app1', 'B', 3), row('b', 'app1', 'A', 3)] },
    { name: 'a group that was already closed', rows: [row('a', 'app1', 'A', 3), row('b', 'app1', 'B', 3), row('c', 'app1', 'A', 3)] },
  ])('rejects unsorted rows: $name', ({ rows }) => {
    const acc = createLeniencyAccumulator();
    expect(() => rows.forEach((r) => acc.add(r))).toThrow(expect.objectContaining({ code: 'unsorted_history' }));
  });
});
