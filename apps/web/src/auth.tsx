import { useQueryClient } from '@tanstack/react-query';
import { createContext, ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { get, hasSession, post, setUnauthorizedListener } from './api/client';
import type { Me, MemberRole, TokenResponse } from './api/types';

interface AuthState {
  me: Me | null;
  /** True until the session cookie has been checked against GET /v1/me. */
  checking: boolean;
  /** After a sign-in answer: the API has set the session cookie; only who signed in is kept here. */
  signIn: (token: TokenResponse) => void;
  /** Ends the session on the server (the cookie is cleared and its token refused), then here. */
  signOut: () => Promise<void>;
  /** Ends every session of the account on the server (every device, every organization), then here. Throws when refused. */
  signOutEverywhere: () => Promise<void>;
  /** Opens a session in another of one's organizations (the API sets its cookie); nothing of the last one is kept. */
  switchOrganization: (organizationId: string) => Promise<Me>;
  hasRole: (...roles: MemberRole[]) => boolean;
  /** Reads GET /v1/me again, after a change to what it shows (the organization's name, one's own roles). */
  refreshMe: () => Promise<void>;
}

const AuthContext = createContext<AuthState | null>(null);

export function AuthProvider(props: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const [checking, setChecking] = useState(hasSession());

  // Nothing one person's session loaded may show in the next person's.
  const queryClient = useQueryClient();
  const sessionEnded = useCallback(() => {
    setMe(null);
    queryClient.clear();
  }, [queryClient]);

  const signOut = useCallback(async () => {
    try {
      await post('/auth/logout');
    } catch {
      /* already signed out (expired session): nothing left to end */
    }
    sessionEnded();
  }, [sessionEnded]);

  const signOutEverywhere = useCallback(async () => {
    await post('/auth/logout-everywhere');
    sessionEnded();
  }, [sessionEnded]);

  const switchOrganization = useCallback(
    async (organizationId: string) => {
      const res = await post<TokenResponse>('/auth/switch-organization', { organizationId });
      queryClient.clear();
      const next = { user: res.user, organization: res.organization, membership: res.membership };
      setMe(next);
      return next;
    },
    [queryClient],
  );

  useEffect(() => {
    setUnauthorizedListener(sessionEnded);
    return () => setUnauthorizedListener(null);
  }, [sessionEnded]);

  useEffect(() => {
    if (!hasSession()) return;
    get<Me>('/me')
      .then(setMe)
      .catch(() => sessionEnded())
      .finally(() => setChecking(false));
  }, [sessionEnded]);

  const signIn = useCallback((res: TokenResponse) => {
    setMe({ user: res.user, organization: res.organization, membership: res.membership });
    setChecking(false);
  }, []);

  const refreshMe = useCallback(async () => {
    setMe(await get<Me>('/me'));
  }, []);

  const value = useMemo<AuthState>(
    () => ({
      me,
      checking,
      signIn,
      signOut,
      signOutEverywhere,
      switchOrganization,
      hasRole: (...roles) => Boolean(me && roles.some((r) => me.membership.roles.includes(r))),
      refreshMe,
    }),
    [me, checking, signIn, signOut, signOutEverywhere, switchOrganization, refreshMe],
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
  if (roles.includes('people_analytics')) return '/quality-of-hire';
  return '/roles';
}
