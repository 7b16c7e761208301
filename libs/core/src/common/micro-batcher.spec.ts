import { MicroBatcher } from './micro-batcher';

/** A run function whose calls the test controls: each call waits until the test releases it. */
function controlledRun() {
  const calls: { items: number[]; release: (fail?: Error) => void }[] = [];
  const run = (items: number[]) =>
    new Promise<PromiseSettledResult<string>[]>((resolve, reject) => {
      calls.push({
        items,
        release: (fail) =>
          fail
            ? reject(fail)
            : resolve(items.map((n) => (n < 0 ? { status: 'rejected', reason: new Error(`bad ${n}`) } : { status: 'fulfilled', value: `r${n}` }))),
      });
    });
  return { calls, run };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('MicroBatcher', () => {
  it('runs a lone request at once, alone', async () => {
    const { calls, run } = controlledRun();
    const batcher = new MicroBatcher(run, { maxBatchSize: 10, parallel: 1 });
    const result = batcher.submit(1);
    expect(calls.map((c) => c.items)).toEqual([[1]]);
    calls[0].release();
    await expect(result).resolves.toBe('r1');
  });

  it('gathers what arrives while the slots are busy into the next batch, up to maxBatchSize', async () => {
    const { calls, run } = controlledRun();
    const batcher = new MicroBatcher(run, { maxBatchSize: 3, parallel: 1 });
    const results = [1, 2, 3, 4, 5, 6].map((n) => batcher.submit(n));
    expect(calls.map((c) => c.items)).toEqual([[1]]);
    calls[0].release();
    await tick();
    expect(calls.map((c) => c.items)).toEqual([[1], [2, 3, 4]]);
    calls[1].release();
    await tick();
    expect(calls.map((c) => c.items)).toEqual([[1], [2, 3, 4], [5, 6]]);
    calls[2].release();
    await expect(Promise.all(results)).resolves.toEqual(['r1', 'r2', 'r3', 'r4', 'r5', 'r6']);
  });

  it('keeps at most `parallel` runs going', async () => {
    const { calls, run } = controlledRun();
    const batcher = new MicroBatcher(run, { maxBatchSize: 2, parallel: 2 });
    const results = [1, 2, 3, 4].map((n) => batcher.submit(n));
    expect(calls.map((c) => c.items)).toEqual([[1], [2]]);
    calls[1].release();
    await tick();
    expect(calls.map((c) => c.items)).toEqual([[1], [2], [3, 4]]);
    calls[0].release();
    calls[2].release();
    await expect(Promise.all(results)).resolves.toEqual(['r1', 'r2', 'r3', 'r4']);
  });

  it('settles each item on its own, and rejects a whole batch when the run throws', async () => {
    const { calls, run } = controlledRun();
    const batcher = new MicroBatcher(run, { maxBatchSize: 5, parallel: 1 });
    const first = batcher.submit(1);
    const second = [2, -3, 4].map((n) => batcher.submit(n));
    calls[0].release(new Error('database down'));
    await expect(first).rejects.toThrow('database down');
    await tick();
    calls[1].release();
    const settled = await Promise.allSettled(second);
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((settled[1] as PromiseRejectedResult).reason.message).toBe('bad -3');
  });

  it('refuses nonsense options', () => {
    expect(() => new MicroBatcher(async () => [], { maxBatchSize: 0, parallel: 1 })).toThrow(RangeError);
    expect(() => new MicroBatcher(async () => [], { maxBatchSize: 1, parallel: 0 })).toThrow(RangeError);
  });
});
