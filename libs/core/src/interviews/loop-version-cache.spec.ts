import { ImmutableLoopVersions } from './loop-version-cache';

const version = (id: string, organizationId = 'org-1') => ({
  id,
  organizationId,
  roleId: 'role-1',
  number: 1,
  snapshot: { ratingScale: 'four_point' as const, dimensions: [], rounds: [] },
  createdAt: new Date(0),
});

describe('ImmutableLoopVersions', () => {
  it('answers a remembered version to its own organization only', () => {
    const cache = new ImmutableLoopVersions();
    cache.remember(version('v1'));
    expect(cache.get('org-1', 'v1')?.id).toBe('v1');
    expect(cache.get('org-2', 'v1')).toBeUndefined();
    expect(cache.get('org-1', 'v2')).toBeUndefined();
  });

  it('keeps the first copy of a version and stays within its capacity, oldest out first', () => {
    const cache = new ImmutableLoopVersions(2);
    const first = version('v1');
    cache.remember(first);
    cache.remember({ ...version('v1'), number: 99 });
    expect(cache.get('org-1', 'v1')).toBe(first);
    cache.remember(version('v2'));
    cache.remember(version('v3'));
    expect(cache.get('org-1', 'v1')).toBeUndefined();
    expect(cache.get('org-1', 'v2')?.id).toBe('v2');
    expect(cache.get('org-1', 'v3')?.id).toBe('v3');
  });
});
