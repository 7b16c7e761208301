import { main } from './build-report.bench';

/** Smoke test: the benchmark runs end to end (on small sizes) and reports every figure. */
describe('calibration bench', () => {
  it('runs and prints its figures', () => {
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      const figures = main(['300', '6000']);
      expect(figures).toMatchObject({ panels: 300, historyRatings: 6000 });
      expect(figures.decisions.hire + figures.decisions.no_hire + figures.decisions.inconclusive).toBe(300);
      expect(figures.reportsPerSecond).toBeGreaterThan(0);
      expect(log.mock.calls.map((c) => String(c[0])).join('\n')).toMatch(/reports\/s/);
    } finally {
      log.mockRestore();
    }
  });
});
