import { storedApplicationsOf, withStoredApplications } from './stored-applications';

describe('stored applications of a retried aggregate-panels job', () => {
  it('reads only a well-formed progress value', () => {
    expect(storedApplicationsOf(undefined)).toEqual([]);
    expect(storedApplicationsOf(0)).toEqual([]);
    expect(storedApplicationsOf({ storedApplicationIds: 'a' })).toEqual([]);
    expect(storedApplicationsOf({ storedApplicationIds: ['a', 7, 'b'] })).toEqual(['a', 'b']);
  });

  it('adds an attempt to what earlier attempts recorded, each application once', () => {
    const first = withStoredApplications(0, ['a', 'b']);
    expect(first).toEqual({ storedApplicationIds: ['a', 'b'] });
    expect(withStoredApplications(first, ['b', 'c'])).toEqual({ storedApplicationIds: ['a', 'b', 'c'] });
  });
});
