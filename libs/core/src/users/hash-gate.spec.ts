import { HashGate, HashGateFull } from './hash-gate';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('HashGate (bounded password hashing)', () => {
  it('runs at most `concurrency` tasks at once, queues up to `queueLimit`, refuses the rest at once', async () => {
    const gate = new HashGate(2, 3);
    const releases: (() => void)[] = [];
    const task = () => new Promise<string>((resolve) => releases.push(() => resolve('done')));
    const runs = Array.from({ length: 8 }, () =>
      gate.run(task).then(
        (v) => v,
        (e: Error) => e,
      ),
    );
    await tick();
    expect(gate.running).toBe(2);
    expect(gate.queued).toBe(3);
    const settled = await Promise.race([Promise.all(runs.slice(5)), new Promise((r) => setTimeout(() => r('pending'), 50))]);
    expect(settled).toEqual([expect.any(HashGateFull), expect.any(HashGateFull), expect.any(HashGateFull)]);
    while (releases.length > 0 || gate.running > 0) {
      releases.shift()?.();
      await tick();
    }
    expect(await Promise.all(runs.slice(0, 5))).toEqual(['done', 'done', 'done', 'done', 'done']);
    expect(gate.peak).toBe(2);
    expect(gate.running).toBe(0);
  });

  it('a failing task frees its slot', async () => {
    const gate = new HashGate(1, 1);
    await expect(gate.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(gate.run(async () => 'next')).resolves.toBe('next');
    expect(gate.running).toBe(0);
  });
});
