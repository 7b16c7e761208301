import { caseIICorrection, correctInterval, fisherZInterval, normalCdf, normalQuantile } from '@hireloop/calibration/quality-of-hire';

/**
 * Thorndike Case II: R = r·U / √(1 − r² + r²U²), U = S/s.
 *
 * Worked example: the `psych` R package (Revelle), `rangeCorrection(.33, 100.32, 48.19)` — "example from Revelle
 * (in prep), An introduction to psychometric theory with applications in R, Chapter 4": restricted r = .33,
 * unrestricted SD 100.32, restricted SD 48.19. The package documents the inputs, not the result; worked by hand:
 * U = 2.081760, rU = 0.686981, √(1 − 0.1089 + 0.1089·4.333725) = √1.363043 = 1.167494, R = 0.5884.
 *
 * Exact model check (no sampling): for a standard bivariate normal with correlation ρ, selecting the top fraction p
 * on x (cut-off c = Φ⁻¹(1 − p), λ = φ(c)/p) leaves Var(x) = 1 + cλ − λ² and a restricted correlation
 * ρ·u / √(1 − ρ² + ρ²u²) with u = s/S (Pearson 1903; the Case II formula read backwards). Correcting it must give ρ back.
 */
describe('Thorndike Case II correction', () => {
  it('reproduces the worked example r = .33, S = 100.32, s = 48.19 → R = 0.5884', () => {
    expect(caseIICorrection(0.33, 100.32, 48.19)).toBeCloseTo(0.5884, 4);
  });

  it.each([
    { r: 0.3, S: 10, s: 10, R: 0.3 },
    { r: 0, S: 15, s: 5, R: 0 },
    { r: 1, S: 15, s: 5, R: 1 },
    { r: -0.2, S: 2, s: 1, R: -(0.4 / Math.sqrt(1 - 0.04 + 0.16)) },
  ])('r = $r, S = $S, s = $s → $R (no restriction leaves r; 0 and ±1 are fixed points)', ({ r, S, s, R }) => {
    expect(caseIICorrection(r, S, s)).toBeCloseTo(R, 12);
  });

  it.each([0.1, 0.3, 0.5, 0.8])('undoes exact top-20 %% selection on a bivariate normal with ρ = %d', (rho) => {
    const p = 0.2;
    const c = normalQuantile(1 - p);
    const lambda = Math.exp((-c * c) / 2) / Math.sqrt(2 * Math.PI) / (1 - normalCdf(c));
    const s = Math.sqrt(1 + c * lambda - lambda * lambda);
    const restricted = (rho * s) / Math.sqrt(1 - rho * rho + rho * rho * s * s);
    expect(restricted).toBeLessThan(rho);
    expect(caseIICorrection(restricted, 1, s)).toBeCloseTo(rho, 10);
  });

  it('carries the interval through: both ends corrected, the corrected r inside, the width grows', () => {
    const interval = fisherZInterval(0.2, 200, 0.9);
    const corrected = correctInterval(interval, 1, 0.45);
    const r = caseIICorrection(0.2, 1, 0.45);
    expect(corrected.low).toBeCloseTo(caseIICorrection(interval.low, 1, 0.45), 12);
    expect(corrected.high).toBeCloseTo(caseIICorrection(interval.high, 1, 0.45), 12);
    expect(corrected.low).toBeLessThan(r);
    expect(corrected.high).toBeGreaterThan(r);
    expect(corrected.high - corrected.low).toBeGreaterThan(interval.high - interval.low);
    expect(corrected.level).toBe(0.9);
  });

  it('rejects impossible input', () => {
    expect(() => caseIICorrection(0.3, 0, 1)).toThrow(RangeError);
    expect(() => caseIICorrection(0.3, 1, -1)).toThrow(RangeError);
    expect(() => caseIICorrection(1.2, 2, 1)).toThrow(RangeError);
  });
});
