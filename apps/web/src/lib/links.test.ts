import { describe, expect, it } from 'vitest';
import { hashRouteOf, ssoOrganizationId } from './links';

describe('hashRouteOf', () => {
  it.each([
    [{ pathname: '/accept-invite', search: '?token=a%2Fb', hash: '' }, '#/accept-invite?token=a%2Fb'],
    [{ pathname: '/reset-password', search: '?token=xyz', hash: '' }, '#/reset-password?token=xyz'],
    [{ pathname: '/settings/notifications/', search: '?token=t', hash: '' }, '#/settings/notifications?token=t'],
    [
      { pathname: '/sso/complete', search: '', hash: '#error=sso_domain_not_allowed&detail=Not+allowed' },
      '#/sso/complete?error=sso_domain_not_allowed&detail=Not+allowed',
    ],
    [{ pathname: '/sso/complete', search: '', hash: '' }, '#/sso/complete'],
    [{ pathname: '/', search: '', hash: '#/roles' }, null],
    [{ pathname: '/', search: '', hash: '' }, null],
    [{ pathname: '/interviews/1', search: '', hash: '#/interviews/1' }, null],
  ])('%j → %s', (location, route) => expect(hashRouteOf(location)).toBe(route));
});

describe('ssoOrganizationId', () => {
  const id = '3f1c2b9e-8a41-4c1e-9f0a-1b2c3d4e5f60';
  it.each([
    [id, id],
    [` ${id.toUpperCase()} `, id],
    [`https://hireloop.example/v1/auth/sso/${id}/start`, id],
    ['acme', null],
    ['', null],
  ])('%s → %s', (input, expected) => expect(ssoOrganizationId(input)).toBe(expected));
});
