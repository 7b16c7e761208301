import { CalibrationInputError, leniencyOffsets, offsetWithout, raterEffects, type LeniencyRating } from '@hireloop/calibration';

import { shuffled } from './spec-helpers';
import { mulberry32 } from './synthetic';

const row = (interviewerId: string, applicationId: string, dimensionId: string, rating: number, scale?: LeniencyRating['scale']): LeniencyRating => ({
  interviewerId,
  applicationId,
  dimensionId,
  rating: rating as LeniencyRating['rating'],
  ...(scale ? { scale } : {}),
});

/** Box–Muller standard normal from a seeded uniform generator. */
function normal(random: () => number): number {
  let u = 0;
  while (u === 0) u = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/**
 * Independent reference: the ridge problem min Σ (r − μ_g − b_i)² + k Σ b_i² solved by plain backfitting
 * (alternating the two stationary conditions) until it no longer moves, over groups with ≥ 2 interviewers.
 */
function backfit(rows: LeniencyRating[], k: number, sweeps = 20_000): Map<string, number> {
  const groups = new Map<string, LeniencyRating[]>();
  for (const r of rows) groups.set(`${r.applicationId}/${r.dimensionId}`, [...(groups.get(`${r.applicationId}/${r.dimensionId}`) ?? []), r]);
  const informative = [...groups.values()].filter((g) => new Set(g.map((r) => r.interviewerId)).size >= 2);
  const b = new Map<string, number>(rows.map((r) => [r.interviewerId, 0]));
  for (let s = 0; s < sweeps; s++) {
    const mu = informative.map((g) => g.reduce((t, r) => t + r.rating - b.get(r.interviewerId)!, 0) / g.length);
    const sum = new Map<string, number>();
    const n = new Map<string, number>();
    informative.forEach((g, gi) => {
      for (const r of g) {
        sum.set(r.interviewerId, (sum.get(r.interviewerId) ?? 0) + r.rating - mu[gi]);
        n.set(r.interviewerId, (n.get(r.interviewerId) ?? 0) + 1);
      }
    });
    for (const id of b.keys()) b.set(id, (sum.get(id) ?? 0) / ((n.get(id) ?? 0) + k));
  }
  return b;
}

/** 40 interviewers with planted offsets ~ N(0, 0.4²); `applications` candidates, panels of 5 drawn from the 40. */
function plantedHistory(seed: number, applications = 2000, dimensions = 4) {
  const random = mulberry32(seed);
  const ids = Array.from({ length: 40 }, (_, i) => `iv-${String(i).padStart(2, '0')}`);
  const planted = ids.map(() => 0.4 * normal(random));
  const rows: LeniencyRating[] = [];
  for (let a = 0; a < applications; a++) {
    const ability = 2.5 + 0.6 * normal(random);
    const panel = shuffled(
      ids.map((_, i) => i),
      Math.floor(random() * 2 ** 31),
    ).slice(0, 5);
    for (let d = 0; d < dimensions; d++) {
      const level = ability + 0.3 * normal(random);
      for (const i of panel) {
        // Latent rating = candidate's level on the dimension + interviewer's offset + noise (sd 0.6), then rounded
        // to the nearest scale point and clamped to 1–4, as interviewers do.
        const latent = level + planted[i] + 0.6 * normal(random);
        rows.push(row(ids[i], `app-${String(a).padStart(5, '0')}`, `dim-${d}`, Math.min(4, Math.max(1, Math.round(latent)))));
      }
    }
  }
  return { ids, planted, rows };
}

describe('raterEffects: the joint model', () => {
  const HISTORY = [
    row('alice', 'app1', 'A', 4),
    row('bob', 'app1', 'A', 3),
    row('carol', 'app1', 'A', 2),
    row('alice', 'app1', 'B', 3),
    row('bob', 'app1', 'B', 3),
    row('alice', 'app2', 'A', 4),
    row('dave', 'app2', 'A', 2),
    row('dave', 'app2', 'B', 3), // alone: registers dave, carries no information
    row('erin', 'app3', 'A', 1), // alone
    row('bob', 'app3', 'B', 2),
    row('carol', 'app3', 'B', 4),
    row('carol', 'app3', 'B', 3), // carol twice on one group: both rows count
  ];

  it.each([1, 5, 20])('solves the ridge problem exactly: equals plain backfitting to 1e-9 (k = %p)', (k) => {
    const result = raterEffects(HISTORY, { k });
    const reference = backfit(HISTORY, k);
    for (const [id, b] of reference) expect(Math.abs(result.interviewers[id].offset - b)).toBeLessThan(1e-9);
    expect(result.interviewers.erin).toEqual({ offset: 0, n: 0, deviationSum: 0 });
    expect(result.interviewers.dave.n).toBe(1);
    expect(result.interviewers.carol.n).toBe(3);
  });

  it('offset = deviationSum / (n + k), and the contributions add up to the deviation sum and n', () => {
    const result = raterEffects(HISTORY, { k: 5 });
    for (const [id, e] of Object.entries(result.interviewers)) {
      const own = result.contributions.filter((c) => c.interviewerId === id);
      expect(own.reduce((s, c) => s + c.n, 0)).toBe(e.n);
      expect(Math.abs(own.reduce((s, c) => s + c.deviationSum, 0) - e.deviationSum)).toBeLessThan(1e-12);
      if (e.n > 0) expect(e.offset).toBeCloseTo(e.deviationSum / (e.n + 5), 12);
    }
    expect(result.contributions.map((c) => `${c.interviewerId}/${c.applicationId}`)).toEqual([
      'alice/app1',
      'alice/app2',
      'bob/app1',
      'bob/app3',
      'carol/app1',
      'carol/app3',
      'dave/app2',
    ]);
  });

  it('does not depend on row order', () => {
    const { rows } = plantedHistory(5, 200);
    const expected = raterEffects(rows);
    for (const seed of [1, 2]) {
      const again = raterEffects(shuffled(rows, seed));
      for (const [id, e] of Object.entries(expected.interviewers)) expect(Math.abs(again.interviewers[id].offset - e.offset)).toBeLessThan(1e-9);
    }
  });

  it('recovers planted offsets: 40 interviewers ~ N(0, 0.4²), 2,000 applications, panels of 5 → r ≥ 0.9, RMSE ≤ 0.12', () => {
    const { ids, planted, rows } = plantedHistory(12);
    const { interviewers } = raterEffects(rows);
    const estimated = ids.map((id) => interviewers[id].offset);
    const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
    const mp = mean(planted);
    const me = mean(estimated);
    let sxy = 0;
    let sxx = 0;
    let syy = 0;
    let se = 0;
    for (let i = 0; i < ids.length; i++) {
      sxy += (planted[i] - mp) * (estimated[i] - me);
      sxx += (planted[i] - mp) ** 2;
      syy += (estimated[i] - me) ** 2;
      se += (estimated[i] - planted[i]) ** 2;
    }
    const r = sxy / Math.sqrt(sxx * syy);
    const rmse = Math.sqrt(se / ids.length);
    expect(r).toBeGreaterThanOrEqual(0.9);
    expect(rmse).toBeLessThanOrEqual(0.12);
    // Figures recorded in libs/calibration/README.md for this seed.
    expect(Number(r.toFixed(3))).toBe(0.999);
    expect(Number(rmse.toFixed(3))).toBe(0.103);
  });

  it('a lenient colleague does not make the others look harsh (rotating panels of 3 from 6, one interviewer +1)', () => {
    const random = mulberry32(3);
    const ids = ['h1', 'h2', 'h3', 'h4', 'h5', 'len'];
    const rows: LeniencyRating[] = [];
    for (let a = 0; a < 600; a++) {
      const panel = shuffled(ids, Math.floor(random() * 2 ** 31)).slice(0, 3);
      const level = 1.8 + random() * 1.2;
      for (const id of panel)
        rows.push(row(id, `a${a}`, 'D', Math.min(4, Math.max(1, Math.round(level + (id === 'len' ? 1 : 0) + 0.5 * normal(random))))));
    }
    const joint = raterEffects(rows, { k: 5 }).interviewers;
    const legacy = leniencyOffsets(rows, { k: 5 });
    // Effects are identified up to a common shift, which the ridge centres: compare each honest interviewer with the
    // lenient one. The legacy model inflates that gap's complement: honest interviewers look harsher.
    for (const id of ids.slice(0, 5)) expect(Math.abs(joint[id].offset - joint.h1.offset)).toBeLessThan(0.15);
    const jointGap = joint.len.offset - ids.slice(0, 5).reduce((s, id) => s + joint[id].offset, 0) / 5;
    const legacyGap = legacy.len.offset - ids.slice(0, 5).reduce((s, id) => s + legacy[id].offset, 0) / 5;
    expect(Math.abs(jointGap - legacyGap)).toBeGreaterThan(0); // different models
    expect(jointGap).toBeGreaterThan(0.6);
  });
});

describe('offsetWithout: out of sample', () => {
  it('removes the application’s own rows: (S − s_X) / (n − n_X + k)', () => {
    expect(offsetWithout({ deviationSum: 6, n: 10 }, { deviationSum: 2, n: 4 }, 5)).toBeCloseTo(4 / 11, 12);
    expect(offsetWithout({ deviationSum: 6, n: 10 }, null, 5)).toBeCloseTo(6 / 15, 12);
    expect(offsetWithout({ deviationSum: 2, n: 4 }, { deviationSum: 2, n: 4 }, 5)).toBe(0);
    expect(offsetWithout({ deviationSum: 0, n: 0 }, undefined, 5)).toBe(0);
  });

  it("approximates refitting without the application (one-step leave-one-out) to within 0.01, and the candidate's own ratings no longer feed the offset", () => {
    const { rows } = plantedHistory(21, 300);
    const full = raterEffects(rows);
    for (const X of ['app-00000', 'app-00150', 'app-00299']) {
      const refit = raterEffects(rows.filter((r) => r.applicationId !== X)).interviewers;
      for (const c of full.contributions.filter((x) => x.applicationId === X)) {
        const loo = offsetWithout(full.interviewers[c.interviewerId], c, full.k);
        expect(Math.abs(loo - refit[c.interviewerId].offset)).toBeLessThan(0.01);
      }
    }
  });
});

describe('raterEffects: scales and input', () => {
  it('maps ratings of other scales linearly onto 1–4: a planted +4/3 on a 5-point role is +1 in 4-point points', () => {
    const random = mulberry32(8);
    const rows: LeniencyRating[] = [];
    for (let a = 0; a < 400; a++) {
      const level = 2.2 + random() * 1.6; // on 1–5
      for (const id of ['p', 'q', 'r']) {
        const bias = id === 'p' ? 4 / 3 : 0;
        rows.push(row(id, `a${a}`, 'D', Math.min(5, Math.max(1, Math.round(level + bias + 0.4 * normal(random)))), 'five_point'));
      }
    }
    const { interviewers } = raterEffects(rows, { k: 1 });
    const gap = interviewers.p.offset - (interviewers.q.offset + interviewers.r.offset) / 2;
    expect(gap).toBeGreaterThan(0.85);
    expect(gap).toBeLessThan(1.1);
  });

  it.each([
    { name: 'rating 5 on the 4-point scale', rows: [row('a', 'x', 'D', 5)], code: 'invalid_rating', path: 'history[0].rating' },
    { name: 'rating 4 on the 3-level scale', rows: [row('a', 'x', 'D', 4, 'three_level')], code: 'invalid_rating', path: 'history[0].rating' },
    { name: 'unknown scale', rows: [row('a', 'x', 'D', 3, 'ten' as never)], code: 'invalid_scale', path: 'history[0].scale' },
    { name: 'empty interviewer id', rows: [row('', 'x', 'D', 3)], code: 'invalid_id', path: 'history[0].interviewerId' },
  ])('rejects $name', ({ rows, code, path }) => {
    expect(() => raterEffects(rows)).toThrow(CalibrationInputError);
    expect(() => raterEffects(rows)).toThrow(expect.objectContaining({ code, path }));
  });

  it.each([0, -1, NaN])('rejects k = %p (the ridge needs k > 0)', (k) => {
    expect(() => raterEffects([], { k })).toThrow(expect.objectContaining({ code: 'invalid_option' }));
  });
});
