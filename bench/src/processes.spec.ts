import { readFileSync } from 'node:fs';
import { measureCommandCpu } from './processes';

describe('measureCommandCpu', () => {
  it('counts the CPU time of the processes of a command name, this one included', () => {
    const command = readFileSync(`/proc/${process.pid}/comm`, 'utf8').trim();
    const stop = measureCommandCpu([command, 'no-such-command-here']);
    const start = process.cpuUsage();
    let x = 0;
    while (process.cpuUsage(start).user < 300_000) x += Math.sqrt(x + 1);
    const seconds = stop();
    expect(x).toBeGreaterThan(0);
    // This process alone burnt ≥ 0.3 s (ticks are 10 ms, so allow one tick either side).
    expect(seconds[command]).toBeGreaterThanOrEqual(0.29);
    expect(seconds['no-such-command-here']).toBe(0);
  });
});
