import { defaultWindowSeconds, MemorySample, memoryVerdict, slope } from './soak-memory';

/** Samples every `step` s from 0 to `duration` inclusive, RSS from `rss(t)`. */
function series(duration: number, step: number, rss: (t: number) => number): MemorySample[] {
  return Array.from({ length: Math.floor(duration / step) + 1 }, (_, i) => ({ t: i * step, rssMb: rss(i * step) }));
}

const criterion = { warmupSeconds: 60, durationSeconds: 300, windowSeconds: 48, tolerance: 0.1 };

describe('memoryVerdict', () => {
  it.each([
    ['flat after a warm-up climb', true, (t: number) => (t < 60 ? 100 + t : 200), 0],
    ['+5 % over the judged span', true, (t: number) => (t < 60 ? 150 : 200 + ((t - 60) / 240) * 10), null],
    ['+20 %: a leak', false, (t: number) => (t < 60 ? 150 : 200 + ((t - 60) / 240) * 40), null],
    ['−15 %: not within 10 % either', false, (t: number) => (t < 60 ? 250 : 200 - ((t - 60) / 240) * 30), null],
  ])('%s → passed %s', (_name, passed, rss, change) => {
    const verdict = memoryVerdict(series(300, 2, rss), criterion);
    expect(verdict.passed).toBe(passed);
    if (change !== null) expect(verdict.change).toBeCloseTo(change, 10);
  });

  it('ignores the warm-up: a large climb before it does not count', () => {
    const verdict = memoryVerdict(
      series(300, 2, (t) => (t < 60 ? 50 + 3 * t : 230)),
      criterion,
    );
    expect(verdict.first.meanMb).toBe(230);
    expect(verdict.passed).toBe(true);
  });

  it('takes [warmup, warmup + window) and (duration − window, duration]', () => {
    const verdict = memoryVerdict(
      series(300, 2, () => 100),
      criterion,
    );
    expect(verdict.first).toMatchObject({ from: 60, to: 108, samples: 24 });
    expect(verdict.last).toMatchObject({ from: 252, to: 300, samples: 24 });
  });

  it('fails when a window has fewer than 2 samples', () => {
    const verdict = memoryVerdict(
      series(300, 50, () => 100),
      { ...criterion, windowSeconds: 20 },
    );
    expect(verdict.change).toBeNaN();
    expect(verdict.passed).toBe(false);
  });

  it('skips missing readings (a process gone for a moment)', () => {
    const samples = series(300, 2, () => 100).map((s, i) => (i % 5 === 0 ? { ...s, rssMb: Number.NaN } : s));
    expect(memoryVerdict(samples, criterion).passed).toBe(true);
  });

  it('reports the slope in MB per minute', () => {
    const verdict = memoryVerdict(
      series(300, 2, (t) => 100 + t / 6),
      criterion,
    ); // +10 MB/min
    expect(verdict.slopeMbPerMinute).toBeCloseTo(10, 6);
  });
});

describe('defaultWindowSeconds', () => {
  it.each([
    [300, 60, 48],
    [60, 15, 10],
    [3600, 300, 60],
  ])('duration %d s, warm-up %d s → %d s', (duration, warmup, expected) => {
    expect(defaultWindowSeconds(duration, warmup)).toBe(expected);
  });
});

describe('slope', () => {
  it('is NaN for fewer than two distinct x', () => {
    expect(slope([{ x: 1, y: 2 }])).toBeNaN();
    expect(
      slope([
        { x: 1, y: 2 },
        { x: 1, y: 3 },
      ]),
    ).toBeNaN();
  });
});
