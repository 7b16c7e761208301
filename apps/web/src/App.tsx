import { ReactNode, useEffect, useRef } from 'react';
import { HashRouter, Navigate, NavLink, Route, Routes, useLocation } from 'react-router-dom';
import type { MemberRole } from './api/types';
import { AuthProvider, homePath, useAuth } from './auth';
import { OrganizationSwitcher } from './components/OrganizationSwitcher';
import { Loading } from './components/ProblemBanner';
import { ROLE_LABELS } from './lib/labels';
import { ApplicationPage } from './pages/ApplicationPage';
import { CalibrationPage, InterviewerCalibrationPage, RoleCalibrationPage } from './pages/CalibrationPages';
import { CandidatesPage } from './pages/CandidatesPage';
import { DebriefPage } from './pages/DebriefPage';
import { DebriefsPage } from './pages/DebriefsPage';
import { InboxLink, InboxPage } from './pages/InboxPage';
import { FairnessPage } from './pages/FairnessPage';
import { InterviewPage } from './pages/InterviewPage';
import { MembersPage } from './pages/MembersPage';
import { MyInterviewsPage } from './pages/MyInterviewsPage';
import { RoleBuilderPage } from './pages/RoleBuilderPage';
import { RolesPage } from './pages/RolesPage';
import { SelfIdentificationPage } from './pages/SelfIdentificationPage';
import { AcceptInvitePage, SignInPage } from './pages/SignInPage';
import { VerifyEmailPage } from './pages/VerifyEmailPage';
import { OutcomeImportPage } from './pages/quality-of-hire/ImportPage';
import { QualityOfHirePage, RoleQualityOfHirePage } from './pages/quality-of-hire/QualityOfHirePage';
import { AccountSettingsPage } from './pages/account/AccountSettingsPage';
import { ForgotPasswordPage } from './pages/account/ForgotPasswordPage';
import { NotificationSettingsPage } from './pages/account/NotificationSettingsPage';
import { ResetPasswordPage } from './pages/account/ResetPasswordPage';
import { ConfirmEmailChangePage } from './pages/account/ConfirmEmailChangePage';
import { SsoCompletePage } from './pages/account/SsoCompletePage';
import { SsoSettingsPage } from './pages/account/SsoSettingsPage';
import { OrganizationSettingsPage } from './pages/OrganizationSettingsPage';

/**
 * Hash routes (#/roles/…) so that any static server, the API's included, can serve the app without a fallback
 * route, and a reload or a shared link always lands on the right page.
 */
export function App() {
  return (
    <AuthProvider>
      <HashRouter>
        <Routes>
          <Route path="/signin" element={<SignInPage />} />
          <Route path="/accept-invite" element={<AcceptInvitePage />} />
          <Route path="/verify-email" element={<VerifyEmailPage />} />
          <Route path="/self-identification/:token" element={<SelfIdentificationPage />} />
          <Route path="/forgot-password" element={<ForgotPasswordPage />} />
          <Route path="/reset-password" element={<ResetPasswordPage />} />
          <Route path="/confirm-email-change" element={<ConfirmEmailChangePage />} />
          <Route path="/sso/complete" element={<SsoCompletePage />} />
          <Route path="/settings/notifications" element={<NotificationSettingsRoute />} />
          <Route path="/*" element={<Authenticated />} />
        </Routes>
      </HashRouter>
    </AuthProvider>
  );
}

function Authenticated() {
  const { me, checking } = useAuth();
  const location = useLocation();
  if (checking) return <Loading label="Signing you in…" />;
  if (!me) return <Navigate to={`/signin?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  const roles = me.membership.roles;
  return (
    <Shell>
      <Routes>
        <Route path="/" element={<Navigate to={homePath(roles)} replace />} />
        <Route
          path="/roles"
          element={
            <Guard roles={['admin', 'recruiter', 'hiring_manager']}>
              <RolesPage />
            </Guard>
          }
        />
        <Route
          path="/roles/:roleId"
          element={
            <Guard roles={['admin', 'recruiter', 'hiring_manager']}>
              <RoleBuilderPage />
            </Guard>
          }
        />
        <Route
          path="/candidates"
          element={
            <Guard roles={['admin', 'recruiter']}>
              <CandidatesPage />
            </Guard>
          }
        />
        <Route
          path="/applications/:applicationId"
          element={
            <Guard roles={['admin', 'recruiter', 'hiring_manager']}>
              <ApplicationPage />
            </Guard>
          }
        />
        <Route
          path="/applications/:applicationId/debrief"
          element={
            <Guard roles={['admin', 'recruiter', 'hiring_manager']}>
              <DebriefPage />
            </Guard>
          }
        />
        <Route
          path="/debriefs"
          element={
            <Guard roles={['admin', 'recruiter', 'hiring_manager']}>
              <DebriefsPage />
            </Guard>
          }
        />
        <Route path="/interviews" element={<MyInterviewsPage />} />
        <Route path="/interviews/:interviewId" element={<InterviewPage />} />
        <Route
          path="/calibration"
          element={
            <Guard roles={['admin', 'hiring_manager']}>
              <CalibrationPage />
            </Guard>
          }
        />
        <Route path="/calibration/interviewers/:memberId" element={<InterviewerCalibrationPage />} />
        <Route
          path="/calibration/roles/:roleId"
          element={
            <Guard roles={['admin', 'hiring_manager']}>
              <RoleCalibrationPage />
            </Guard>
          }
        />
        <Route
          path="/quality-of-hire"
          element={
            <Guard roles={['admin', 'people_analytics', 'hiring_manager']}>
              <QualityOfHirePage />
            </Guard>
          }
        />
        <Route
          path="/quality-of-hire/import"
          element={
            <Guard roles={['admin', 'people_analytics']}>
              <OutcomeImportPage />
            </Guard>
          }
        />
        <Route
          path="/roles/:roleId/quality-of-hire"
          element={
            <Guard roles={['admin', 'people_analytics', 'hiring_manager']}>
              <RoleQualityOfHirePage />
            </Guard>
          }
        />
        <Route path="/inbox" element={<InboxPage />} />
        <Route
          path="/members"
          element={
            <Guard roles={['admin']}>
              <MembersPage />
            </Guard>
          }
        />
        <Route
          path="/fairness"
          element={
            <Guard roles={['compliance']}>
              <FairnessPage />
            </Guard>
          }
        />
        <Route
          path="/settings/sso"
          element={
            <Guard roles={['admin']}>
              <SsoSettingsPage />
            </Guard>
          }
        />
        <Route
          path="/settings/organization"
          element={
            <Guard roles={['admin']}>
              <OrganizationSettingsPage />
            </Guard>
          }
        />
        <Route path="/settings/account" element={<AccountSettingsPage />} />
        <Route path="*" element={<NotFound />} />
      </Routes>
    </Shell>
  );
}

/** The preferences page opens from an email's signed link without signing in; signed in, it is in the app's shell. */
function NotificationSettingsRoute() {
  const { me, checking } = useAuth();
  const location = useLocation();
  // By the emailed link or signed out there is no shell: the page is its own main landmark.
  if (new URLSearchParams(location.search).get('token') || (!me && !checking)) {
    return (
      <main id="main">
        <NotificationSettingsPage />
      </main>
    );
  }
  if (checking) return <Loading label="Signing you in…" />;
  return (
    <Shell>
      <NotificationSettingsPage />
    </Shell>
  );
}

function Guard(props: { roles: MemberRole[]; children: ReactNode }) {
  const { hasRole } = useAuth();
  if (!hasRole(...props.roles)) {
    return (
      <section className="page">
        <h1>Not available</h1>
        <p>This page is for {props.roles.map((r) => ROLE_LABELS[r]).join(', ')} members.</p>
      </section>
    );
  }
  return <>{props.children}</>;
}

function NotFound() {
  return (
    <section className="page">
      <h1>Page not found</h1>
      <p>
        <NavLink to="/">Go to the start page</NavLink>
      </p>
    </section>
  );
}

function Shell(props: { children: ReactNode }) {
  const { me, signOut, hasRole } = useAuth();
  const location = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  // Move focus to the page on navigation so keyboard and screen-reader users start at the new content.
  useEffect(() => {
    mainRef.current?.focus({ preventScroll: true });
  }, [location.pathname]);
  if (!me) return null;
  const links: { to: string; label: string; show: boolean }[] = [
    { to: '/roles', label: 'Roles', show: hasRole('admin', 'recruiter', 'hiring_manager') },
    { to: '/candidates', label: 'Candidates', show: hasRole('admin', 'recruiter') },
    { to: '/interviews', label: 'My interviews', show: hasRole('interviewer') || hasRole('hiring_manager') },
    { to: '/debriefs', label: 'Debriefs', show: hasRole('admin', 'recruiter', 'hiring_manager') },
    { to: '/calibration', label: 'Calibration', show: hasRole('admin', 'hiring_manager') },
    {
      to: `/calibration/interviewers/${me.membership.memberId}`,
      label: 'My calibration',
      show: hasRole('interviewer') && !hasRole('admin', 'hiring_manager'),
    },
    { to: '/quality-of-hire', label: 'Quality of hire', show: hasRole('admin', 'people_analytics', 'hiring_manager') },
    { to: '/members', label: 'Members', show: hasRole('admin') },
    { to: '/fairness', label: 'Fairness', show: hasRole('compliance') },
    { to: '/settings/organization', label: 'Organization', show: hasRole('admin') },
    { to: '/settings/sso', label: 'Single sign-on', show: hasRole('admin') },
    { to: '/settings/notifications', label: 'Notifications', show: true },
    { to: '/settings/account', label: 'Account', show: true },
  ];
  return (
    <div className="shell">
      <a
        className="skip-link"
        href="#main"
        onClick={(e) => {
          e.preventDefault();
          mainRef.current?.focus();
        }}
      >
        Skip to content
      </a>
      <header className="topbar">
        <span className="brand">hireloop</span>
        <nav aria-label="Main">
          <ul>
            {links
              .filter((l) => l.show)
              .map((l) => (
                <li key={l.to}>
                  <NavLink to={l.to} end={l.to === '/roles' ? false : undefined}>
                    {l.label}
                  </NavLink>
                </li>
              ))}
            <li>
              <InboxLink />
            </li>
          </ul>
        </nav>
        <div className="topbar__me">
          <OrganizationSwitcher />
          <span data-testid="whoami">
            {me.user.name} · {me.organization.name}
            <span className="topbar__roles"> ({me.membership.roles.map((r) => ROLE_LABELS[r]).join(', ')})</span>
          </span>
          <button type="button" className="button button--ghost" onClick={() => void signOut()}>
            Sign out
          </button>
        </div>
      </header>
      <main id="main" ref={mainRef} tabIndex={-1}>
        {props.children}
      </main>
    </div>
  );
}
