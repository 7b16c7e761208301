import { describe, expect, it } from 'vitest';
import { matchesText, nextActive } from './combobox';

describe('matchesText', () => {
  const base = { searching: false, failed: false, shown: 0, query: '', max: 20 };
  it('says what the list holds, in words', () => {
    expect(matchesText({ ...base, searching: true })).toBe('Searching…');
    expect(matchesText({ ...base, failed: true })).toBe('The search failed; type again to retry.');
    expect(matchesText({ ...base, query: 'zimm' })).toBe('No match for “zimm”.');
    expect(matchesText(base)).toBe('Nothing to choose yet.');
    expect(matchesText({ ...base, shown: 1 })).toBe('1 match.');
    expect(matchesText({ ...base, shown: 7 })).toBe('7 matches.');
  });
  it('asks for more letters when the list is full (more may match than it shows)', () => {
    expect(matchesText({ ...base, shown: 20 })).toBe('The first 20 matches; type more to narrow them.');
  });
});

describe('nextActive', () => {
  it('starts at the first (down) or the last (up), then wraps around', () => {
    expect(nextActive(-1, 1, 3)).toBe(0);
    expect(nextActive(-1, -1, 3)).toBe(2);
    expect(nextActive(2, 1, 3)).toBe(0);
    expect(nextActive(0, -1, 3)).toBe(2);
    expect(nextActive(1, 1, 3)).toBe(2);
  });
  it('highlights nothing in an empty list', () => {
    expect(nextActive(-1, 1, 0)).toBe(-1);
  });
});
