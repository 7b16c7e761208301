import { buildReport } from '@hireloop/calibration';

import { syntheticPanels } from './synthetic';

/**
 * Speed guard. The target is 10,000 panels (5 interviewers × 8 dimensions) in under 1 s in one
 * process; bench/calibration/build-report.bench.ts prints the actual figure (typically 0.2–0.4 s).
 * This test only catches gross regressions. It counts the process's CPU time, not the wall clock: on a busy machine
 * (parallel jest workers, browser tests) the wall clock measures the queue for a core, not buildReport.
 */
describe('buildReport speed', () => {
  it('builds 10,000 reports of 5 interviewers × 8 dimensions in under 3 s', () => {
    const panels = syntheticPanels({ count: 10_000, interviewers: 5, dimensions: 8, seed: 99 });
    for (let i = 0; i < 2_000; i++) buildReport(panels[i]); // warm-up (JIT), so the timed loop measures steady state
    const start = process.cpuUsage();
    for (const panel of panels) buildReport(panel);
    const { user, system } = process.cpuUsage(start);
    expect((user + system) / 1000).toBeLessThan(3_000);
  });
});
