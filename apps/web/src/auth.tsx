import { createContext, ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { get, getToken, setToken, setUnauthorizedListener } from './api/client';
import type { Me, MemberRole, TokenResponse } from './api/types';

interface AuthState {
  me: Me | null;
  /** True until the stored token has been checked against GET /v1/me. */
  checking: boolean;
  signIn: (token: TokenResponse) => void;
  signOut: () => void;
  hasRole: (...roles: MemberRole[]) => boolean;
}

const AuthContext = createContext<AuthState | null>(null);

export function AuthProvider(props: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const [checking, setChecking] = useState(Boolean(getToken()));

  const signOut = useCallback(() => {
    setToken(null);
    setMe(null);
  }, []);

  useEffect(() => {
    setUnauthorizedListener(signOut);
    return () => setUnauthorizedListener(null);
  }, [signOut]);

  useEffect(() => {
    if (!getToken()) return;
    get<Me>('/me')
      .then(setMe)
      .catch(() => signOut())
      .finally(() => setChecking(false));
  }, [signOut]);

  const signIn = useCallback((res: TokenResponse) => {
    setToken(res.accessToken);
    setMe({ user: res.user, organization: res.organization, membership: res.membership });
    setChecking(false);
  }, []);

  const value = useMemo<AuthState>(
    () => ({
      me,
      checking,
      signIn,
      signOut,
      hasRole: (...roles) => Boolean(me && roles.some((r) => me.membership.roles.includes(r))),
    }),
    [me, checking, signIn, signOut],
  );
  return <AuthContext.Provider value={value}>{props.children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}

/** Where each kind of member starts. */
export function homePath(roles: MemberRole[]): string {
  if (roles.includes('recruiter') || roles.includes('admin')) return '/roles';
  if (roles.includes('hiring_manager')) return '/debriefs';
  if (roles.includes('interviewer')) return '/interviews';
  if (roles.includes('compliance')) return '/fairness';
  return '/roles';
}
