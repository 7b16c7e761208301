import { processorCoverageProblems } from './processor-registry';

describe('processorCoverageProblems', () => {
  const queues = ['a', 'b'];
  it.each([
    [
      'every queue has one processor',
      [
        { queue: 'a', processor: 'A' },
        { queue: 'b', processor: 'B' },
      ],
      [],
    ],
    ['a queue without a processor', [{ queue: 'a', processor: 'A' }], ['queue "b" has no @Processor']],
    [
      'two processors for one queue',
      [
        { queue: 'a', processor: 'A' },
        { queue: 'a', processor: 'A2' },
        { queue: 'b', processor: 'B' },
      ],
      ['queue "a" has 2 processors (A, A2); exactly one is allowed'],
    ],
    [
      'a processor for an unknown queue',
      [
        { queue: 'a', processor: 'A' },
        { queue: 'b', processor: 'B' },
        { queue: 'x', processor: 'X' },
      ],
      ['X consumes "x", which is not in QueueName'],
    ],
  ])('%s', (_name, found, expected) => {
    expect(processorCoverageProblems(queues, found)).toEqual(expected);
  });
});
