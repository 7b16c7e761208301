import type { DataSource } from 'typeorm';
import { OutboxWakeup } from './outbox.service';

/** A DataSource whose NOTIFYs answer when the test says so. */
function fakeDataSource() {
  const sent: { queue: string; answer: () => void; fail: (e: Error) => void }[] = [];
  const dataSource = {
    query: (_sql: string, [queue]: [string]) => new Promise<void>((resolve, reject) => sent.push({ queue, answer: resolve, fail: reject })),
  } as unknown as DataSource;
  return { dataSource, sent };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('OutboxWakeup: a NOTIFY after each commit, coalesced', () => {
  it('sends one NOTIFY at once, folds the wake-ups made while it is in flight into one more, then stops', async () => {
    const { dataSource, sent } = fakeDataSource();
    const wakeup = new OutboxWakeup(dataSource);
    wakeup.wake('panel-aggregation');
    expect(sent).toHaveLength(1);
    // 50 commits while the first NOTIFY is in flight: one more NOTIFY, sent after it (so after all 50 commits).
    for (let i = 0; i < 50; i++) wakeup.wake('panel-aggregation');
    expect(sent).toHaveLength(1);
    sent[0].answer();
    await settle();
    expect(sent).toHaveLength(2);
    sent[1].answer();
    await settle();
    expect(sent).toHaveLength(2);
    // Quiet again: the next commit notifies at once.
    wakeup.wake('panel-aggregation');
    expect(sent).toHaveLength(3);
  });

  it('keeps queues apart, and a failed NOTIFY neither throws nor stops later ones (the relay polls meanwhile)', async () => {
    const { dataSource, sent } = fakeDataSource();
    const wakeup = new OutboxWakeup(dataSource);
    wakeup.wake('a');
    wakeup.wake('b');
    expect(sent.map((s) => s.queue)).toEqual(['a', 'b']);
    wakeup.wake('a');
    sent[0].fail(new Error('connection lost'));
    await settle();
    expect(sent.map((s) => s.queue)).toEqual(['a', 'b', 'a']);
  });
});
