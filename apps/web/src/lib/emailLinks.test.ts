import { describe, expect, it } from 'vitest';
import { hashRouteForPath } from './emailLinks';

describe('hashRouteForPath', () => {
  it('moves an emailed path and its query into the hash route', () => {
    expect(hashRouteForPath({ pathname: '/verify-email', search: '?token=a%2Bb', hash: '' })).toBe('/#/verify-email?token=a%2Bb');
    expect(hashRouteForPath({ pathname: '/accept-invite', search: '?token=x', hash: '#/' })).toBe('/#/accept-invite?token=x');
  });

  it('leaves the app root and existing hash routes alone', () => {
    expect(hashRouteForPath({ pathname: '/', search: '', hash: '' })).toBeNull();
    expect(hashRouteForPath({ pathname: '/', search: '', hash: '#/roles' })).toBeNull();
    expect(hashRouteForPath({ pathname: '/index.html', search: '', hash: '' })).toBeNull();
  });
});
