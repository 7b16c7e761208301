import { illFormedStringPath } from './validation';

describe('illFormedStringPath', () => {
  it.each([
    [{ email: 'ada@example.test', name: 'Ada 😀' }, undefined],
    [{ email: 'a\uD800@example.test' }, 'email'],
    [{ ratings: [{ evidence: 'ok' }, { evidence: 'bad \uDC00' }] }, 'ratings.1.evidence'],
    ['\uD83D', 'body'],
    [{ n: 1, b: null, t: true }, undefined],
  ])('%j → %s', (value, path) => {
    expect(illFormedStringPath(value)).toBe(path);
  });
});
