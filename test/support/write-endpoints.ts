import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { startOidcProvider, TestOidcProvider } from './oidc-provider';
import { parseMasterKey } from '../../libs/core/src/audit/personal-data-cipher';
import { preferencesLinkKey, signPreferencesToken } from '../../libs/core/src/email/email-preferences';
import { ROLE_TEMPLATE_KEYS } from '../../libs/core/src/role-templates/templates';
import { Actor, addMember, createTeam, sessionIdOf, TEST_PASSWORD, uniqueEmail } from './actors';
import { hashOneTimeToken, newOneTimeToken } from '@hireloop/core/common/one-time-token';
import { hashPassword } from '@hireloop/core/users/password';
import { completeScorecard, createOpenRole, interviewWindow, LoopFixture, scheduleInterview } from './loop-fixture';
import type { RouteDeclaration } from './route-table';
import type { TestApp } from './test-app';

/**
 * A catalogue of every write endpoint of the API (POST, PUT, PATCH, DELETE): who calls it, its path params and a
 * valid body, all built from a `WriteScene`. Tests check the catalogue against the route table, so a new write route
 * that is missing here fails them (see `uncataloguedWriteRoutes`).
 */

export type WriteMethod = 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** One organization with something of every kind, so each write endpoint can be called for real. */
export interface WriteScene {
  team: Awaited<ReturnType<typeof createTeam>>;
  organizationId: string;
  /** An open role with a loop (dimensions coding/design/communication, rounds technical/design/pairing). */
  openRole: LoopFixture;
  /** A draft role whose loop the dimension, round, weight and role edits work on. */
  draftRole: LoopFixture;
  candidates: { main: string; patch: string; decision: string; spare: string };
  /** `hired`: hired through the decision endpoint, with one recorded outcome (`outcomeId`). */
  applications: { main: string; patch: string; decision: string; hired: string };
  outcomeId: string;
  /** A dry-run outcome import of the organization (one row for the hired application). */
  outcomeImportId: string;
  /** A validity report of the open role (queued; computed only where a worker runs). */
  validityReportId: string;
  /** Alice's interview (technical round), no scorecard yet: drafts and submissions. */
  draftInterviewId: string;
  /** Bob's interview (design round) with a submitted scorecard: amendments and withdrawals. */
  submittedInterviewId: string;
  submittedScorecardId: string;
  /** Carol's interview (pairing round), nothing done: cancellation. */
  cancellableInterviewId: string;
  /** Carol's second interview (pairing round), nothing done: moves. */
  movableInterviewId: string;
  questionId: string;
  /** An interviewer the member edits work on (never the acting admin). */
  spareMember: Actor;
  /** An interviewer who changes their own password and signs out everywhere (no other entry acts as them: their sessions end). */
  accountMember: Actor;
  /** A pending invitation of the organization. */
  inviteToken: string;
  /** The membership of a second pending invitation, for resending and revoking (the first stays acceptable). */
  revocableInviteMemberId: string;
  /** A pending signup's one-time e-mail verification token (as SIGNUP_EMAIL_VERIFICATION would mail it). */
  verificationToken: string;
  /** An open password-reset token of the spare member (stored hashed, as the reset request stores it). */
  resetToken: string;
  /** A second session of the account member (signed in again), for ending one session. */
  accountSessionId: string;
  /** An open email-change link's token of the account member, to a fresh address (stored hashed, as the request stores it). */
  emailChangeToken: string;
  /** Issuer of a real OpenID provider on loopback (one per test process), for the single sign-on settings. */
  oidcIssuer: string;
  /** The spare member's signed email-preferences token (as the worker puts it in emails). */
  preferencesToken: string;
  /** An unused one-time self-identification link's token (of the `main` application's candidate). */
  selfIdentificationToken: string;
}

let sceneProvider: Promise<TestOidcProvider> | undefined;

export interface WriteEndpoint {
  method: WriteMethod;
  /** As in the route table: /v1 prefix, params as `:name`. */
  path: string;
  /** The caller; undefined for public routes. */
  actor(scene: WriteScene): Actor | undefined;
  /** Values for the path params. */
  params(scene: WriteScene): Record<string, string>;
  /** A valid body; absent when the route takes none. */
  body?(scene: WriteScene): Record<string, unknown>;
}

const RUBRIC = { '1': 'Far below the bar', '2': 'Below the bar', '3': 'Meets the bar', '4': 'Raises the bar' };

const none = () => ({});

export const WRITE_ENDPOINTS: WriteEndpoint[] = [
  // auth (public)
  {
    method: 'POST',
    path: '/v1/auth/signup',
    actor: () => undefined,
    params: none,
    body: () => ({ organizationName: 'Fuzz Org', name: 'Fuzz Founder', email: uniqueEmail('fuzz'), password: TEST_PASSWORD }),
  },
  {
    method: 'POST',
    path: '/v1/auth/login',
    actor: () => undefined,
    params: none,
    body: (s) => ({ email: s.spareMember.email, password: TEST_PASSWORD }),
  },
  {
    method: 'POST',
    path: '/v1/auth/accept-invite',
    actor: () => undefined,
    params: none,
    body: (s) => ({ token: s.inviteToken, password: TEST_PASSWORD, name: 'Invited Person' }),
  },
  {
    method: 'POST',
    path: '/v1/auth/verify-email',
    actor: () => undefined,
    params: none,
    body: (s) => ({ token: s.verificationToken, password: TEST_PASSWORD }),
  },
  // Without a credential: signing out an actor's token here would end it for every later call.
  { method: 'POST', path: '/v1/auth/logout', actor: () => undefined, params: none },

  // members and organization
  {
    method: 'POST',
    path: '/v1/members',
    actor: (s) => s.team.admin,
    params: none,
    body: () => ({ email: uniqueEmail('invitee'), name: 'New Member', roles: ['interviewer'] }),
  },
  {
    method: 'PATCH',
    path: '/v1/members/:id',
    actor: (s) => s.team.admin,
    params: (s) => ({ id: s.spareMember.memberId }),
    body: () => ({ roles: ['interviewer'] }),
  },
  { method: 'POST', path: '/v1/members/:id/deactivate', actor: (s) => s.team.admin, params: (s) => ({ id: s.spareMember.memberId }) },
  { method: 'POST', path: '/v1/members/:id/reactivate', actor: (s) => s.team.admin, params: (s) => ({ id: s.spareMember.memberId }) },
  { method: 'POST', path: '/v1/members/:id/resend-invite', actor: (s) => s.team.admin, params: (s) => ({ id: s.revocableInviteMemberId }) },
  { method: 'POST', path: '/v1/members/:id/revoke-invite', actor: (s) => s.team.admin, params: (s) => ({ id: s.revocableInviteMemberId }) },
  {
    method: 'PATCH',
    path: '/v1/organization',
    actor: (s) => s.team.admin,
    params: none,
    body: () => ({ name: 'Fuzz Org', minEvidenceLength: 10, reminderAfterHours: 24, escalateAfterDays: 3, webhookUrl: null }),
  },

  // candidates and applications
  {
    method: 'POST',
    path: '/v1/candidates',
    actor: (s) => s.team.recruiter,
    params: none,
    body: () => ({ name: 'Sam Candidate', email: uniqueEmail('cand'), source: 'referral', links: ['https://example.test/sam'] }),
  },
  {
    method: 'PATCH',
    path: '/v1/candidates/:id',
    actor: (s) => s.team.recruiter,
    params: (s) => ({ id: s.candidates.patch }),
    body: () => ({ name: 'Jane Q. Doe', source: 'agency', links: [] }),
  },
  { method: 'DELETE', path: '/v1/candidates/:id', actor: (s) => s.team.recruiter, params: (s) => ({ id: s.candidates.spare }) },
  {
    method: 'POST',
    path: '/v1/applications',
    actor: (s) => s.team.recruiter,
    params: none,
    body: (s) => ({ candidateId: s.candidates.spare, roleId: s.openRole.roleId, stage: 'screen' }),
  },
  {
    method: 'PATCH',
    path: '/v1/applications/:id',
    actor: (s) => s.team.recruiter,
    params: (s) => ({ id: s.applications.patch }),
    body: () => ({ stage: 'onsite' }),
  },
  {
    method: 'POST',
    path: '/v1/applications/:id/decision',
    actor: (s) => s.team.hiringManager,
    params: (s) => ({ id: s.applications.decision }),
    body: () => ({
      decision: 'no_hire',
      rationale: 'The panel found clear gaps in system design.',
      overrideReason: 'No report yet; the gaps were plain.',
    }),
  },
  {
    method: 'POST',
    path: '/v1/applications/:id/interviews',
    actor: (s) => s.team.recruiter,
    params: (s) => ({ id: s.applications.main }),
    body: (s) => ({ roundId: s.openRole.rounds.pairing.id, interviewerIds: [s.team.interviewers[2].memberId], ...interviewWindow(48) }),
  },
  { method: 'POST', path: '/v1/interviews/:id/cancel', actor: (s) => s.team.recruiter, params: (s) => ({ id: s.cancellableInterviewId }) },
  // Before the submission below: Alice's scorecard is still missing.
  {
    method: 'POST',
    path: '/v1/interviews/:id/nudges',
    actor: (s) => s.team.recruiter,
    params: (s) => ({ id: s.draftInterviewId }),
    body: (s) => ({ interviewerId: s.team.interviewers[0].memberId }),
  },

  // scorecards
  {
    method: 'PUT',
    path: '/v1/interviews/:id/scorecard',
    actor: (s) => s.team.interviewers[0],
    params: (s) => ({ id: s.draftInterviewId }),
    body: (s) => ({ ratings: [{ dimensionId: s.openRole.dimensions.coding.id, rating: 3 }], recommendation: 'yes', privateNote: 'draft note' }),
  },
  {
    method: 'POST',
    path: '/v1/interviews/:id/scorecard/submit',
    actor: (s) => s.team.interviewers[0],
    params: (s) => ({ id: s.draftInterviewId }),
    body: (s) => ({
      ...completeScorecard(s.openRole.rounds.technical, { privateNote: 'Strong on fundamentals.' }),
      signals: [{ dimensionId: s.openRole.dimensions.coding.id, kind: 'strong', text: 'Tests edge cases' }],
      redFlags: [],
      levelAssessment: 'at',
    }),
  },
  {
    method: 'POST',
    path: '/v1/interviews/:id/scorecard/amend',
    actor: (s) => s.team.interviewers[1],
    params: (s) => ({ id: s.submittedInterviewId }),
    body: (s) => ({ ...completeScorecard(s.openRole.rounds.design, { rating: 2 }), reason: 'Re-read my notes on the design part' }),
  },
  {
    method: 'POST',
    path: '/v1/interviews/:id/scorecard/withdraw',
    actor: (s) => s.team.interviewers[1],
    params: (s) => ({ id: s.submittedInterviewId }),
    body: () => ({ reason: 'Interviewed the wrong candidate' }),
  },

  // question bank
  {
    method: 'POST',
    path: '/v1/questions',
    actor: (s) => s.team.recruiter,
    params: none,
    body: (s) => ({
      prompt: 'Design a rate limiter for a public API.',
      pointsOfAssessment: ['Names the algorithm'],
      pitfalls: ['Ignores clock skew'],
      followUps: ['What about bursts?'],
      tags: ['system-design'],
      dimensionIds: [s.draftRole.dimensions.design.id],
    }),
  },
  {
    method: 'PATCH',
    path: '/v1/questions/:id',
    actor: (s) => s.team.recruiter,
    params: (s) => ({ id: s.questionId }),
    body: () => ({ prompt: 'Design a cache for a read-heavy API.', tags: ['caching'] }),
  },
  { method: 'DELETE', path: '/v1/questions/:id', actor: (s) => s.team.recruiter, params: (s) => ({ id: s.questionId }) },

  // roles and their loops
  {
    method: 'POST',
    path: '/v1/roles',
    actor: (s) => s.team.recruiter,
    params: none,
    body: (s) => ({
      title: 'Platform Engineer',
      level: 'L4',
      department: 'Infra',
      location: 'Remote',
      hiringManagerId: s.team.hiringManager.memberId,
      hirePolicy: { bar: 3, minInterviewers: 2 },
    }),
  },
  {
    method: 'POST',
    path: '/v1/roles/from-template',
    actor: (s) => s.team.recruiter,
    params: none,
    body: (s) => ({ templateKey: ROLE_TEMPLATE_KEYS[0], title: 'From a template', hiringManagerId: s.team.hiringManager.memberId }),
  },
  {
    method: 'PATCH',
    path: '/v1/roles/:id',
    actor: (s) => s.team.recruiter,
    params: (s) => ({ id: s.draftRole.roleId }),
    body: () => ({ title: 'Staff Engineer', location: null, hirePolicy: { bar: 3.25, margin: 0.5 } }),
  },
  {
    method: 'POST',
    path: '/v1/roles/:id/clone',
    actor: (s) => s.team.recruiter,
    params: (s) => ({ id: s.draftRole.roleId }),
    body: () => ({ title: 'Cloned role' }),
  },
  { method: 'POST', path: '/v1/roles/:id/open', actor: (s) => s.team.recruiter, params: (s) => ({ id: s.draftRole.roleId }) },
  { method: 'POST', path: '/v1/roles/:id/close', actor: (s) => s.team.recruiter, params: (s) => ({ id: s.draftRole.roleId }) },
  {
    method: 'POST',
    path: '/v1/roles/:id/dimensions',
    actor: (s) => s.team.recruiter,
    params: (s) => ({ id: s.draftRole.roleId }),
    body: () => ({
      name: 'Ownership',
      description: 'Takes things to the end',
      weight: 10,
      rubric: RUBRIC,
      signals: { strong: ['Follows up'], weak: ['Waits to be asked'], redFlags: [] },
      position: 2,
    }),
  },
  {
    method: 'PATCH',
    path: '/v1/roles/:id/dimensions/:dimensionId',
    actor: (s) => s.team.recruiter,
    params: (s) => ({ id: s.draftRole.roleId, dimensionId: s.draftRole.dimensions.design.id }),
    body: () => ({ name: 'Architecture', description: 'Designs systems', rubric: RUBRIC, signals: { strong: ['Names trade-offs'] }, position: 1 }),
  },
  {
    method: 'DELETE',
    path: '/v1/roles/:id/dimensions/:dimensionId',
    actor: (s) => s.team.recruiter,
    params: (s) => ({ id: s.draftRole.roleId, dimensionId: s.draftRole.dimensions.communication.id }),
  },
  {
    method: 'PUT',
    path: '/v1/roles/:id/weights',
    actor: (s) => s.team.recruiter,
    params: (s) => ({ id: s.draftRole.roleId }),
    body: (s) => ({
      weights: [
        { dimensionId: s.draftRole.dimensions.coding.id, weight: 40 },
        { dimensionId: s.draftRole.dimensions.design.id, weight: 35 },
        { dimensionId: s.draftRole.dimensions.communication.id, weight: 25 },
      ],
    }),
  },
  {
    method: 'POST',
    path: '/v1/roles/:id/rounds',
    actor: (s) => s.team.recruiter,
    params: (s) => ({ id: s.draftRole.roleId }),
    body: (s) => ({
      name: 'Bar raiser',
      kind: 'behavioral',
      durationMinutes: 45,
      position: 1,
      focusDimensionIds: [s.draftRole.dimensions.communication.id],
      questionIds: [s.questionId],
    }),
  },
  {
    method: 'PATCH',
    path: '/v1/roles/:id/rounds/:roundId',
    actor: (s) => s.team.recruiter,
    params: (s) => ({ id: s.draftRole.roleId, roundId: s.draftRole.rounds.technical.id }),
    body: (s) => ({ name: 'Coding', durationMinutes: 50, focusDimensionIds: [s.draftRole.dimensions.coding.id], questionIds: [s.questionId] }),
  },
  {
    method: 'DELETE',
    path: '/v1/roles/:id/rounds/:roundId',
    actor: (s) => s.team.recruiter,
    params: (s) => ({ id: s.draftRole.roleId, roundId: s.draftRole.rounds.pairing.id }),
  },

  // notifications and admin
  { method: 'POST', path: '/v1/notifications/:id/read', actor: (s) => s.team.interviewers[0], params: () => ({ id: randomUUID() }) },
  {
    method: 'POST',
    path: '/v1/admin/queues/:name/jobs/:jobId/retry',
    actor: (s) => s.team.admin,
    params: () => ({ name: 'panel-aggregation', jobId: 'no-such-job' }),
  },

  // email, password reset, calendar (added after the others, so the fuzz seeds of the endpoints above stay as they were)
  { method: 'POST', path: '/v1/auth/password-reset', actor: () => undefined, params: none, body: (s) => ({ email: s.spareMember.email }) },
  {
    method: 'POST',
    path: '/v1/auth/password-reset/confirm',
    actor: () => undefined,
    params: none,
    body: (s) => ({ token: s.resetToken, password: TEST_PASSWORD }),
  },
  { method: 'POST', path: '/v1/me/calendar-feed', actor: (s) => s.team.interviewers[0], params: none },
  { method: 'DELETE', path: '/v1/me/calendar-feed', actor: (s) => s.team.interviewers[0], params: none },
  {
    method: 'PATCH',
    path: '/v1/interviews/:id',
    actor: (s) => s.team.recruiter,
    params: (s) => ({ id: s.movableInterviewId }),
    body: () => interviewWindow(26),
  },

  // outcomes after a hire (issue 15)
  {
    method: 'POST',
    path: '/v1/applications/:id/outcomes',
    actor: (s) => s.team.hiringManager,
    params: (s) => ({ id: s.applications.hired }),
    body: () => ({ kind: 'performance_rating', reviewPoint: '12m', rating: 4, date: '2026-06-30' }),
  },
  {
    method: 'PATCH',
    path: '/v1/applications/:id/outcomes/:outcomeId',
    actor: (s) => s.team.hiringManager,
    params: (s) => ({ id: s.applications.hired, outcomeId: s.outcomeId }),
    body: () => ({ rating: 3 }),
  },
  {
    method: 'DELETE',
    path: '/v1/applications/:id/outcomes/:outcomeId',
    actor: (s) => s.team.hiringManager,
    params: (s) => ({ id: s.applications.hired, outcomeId: s.outcomeId }),
  },
  // Takes a text/csv body, not JSON: no catalogue body, so the JSON fuzz skips it (test/e2e/outcome-imports.e2e-spec.ts
  // sends it bad files instead); any JSON sent to it gets 415.
  { method: 'POST', path: '/v1/outcomes/imports', actor: (s) => s.team.admin, params: none },
  // validity reports (issue 15, item 3): queued for the worker
  {
    method: 'POST',
    path: '/v1/quality-of-hire/reports',
    actor: (s) => s.team.hiringManager,
    params: none,
    body: (s) => ({ roleId: s.openRole.roleId }),
  },
  {
    method: 'PUT',
    path: '/v1/outcomes/scale',
    actor: (s) => s.team.admin,
    params: none,
    body: () => ({ min: 1, max: 5, labels: { '1': 'Far below', '2': 'Below', '3': 'Meets', '4': 'Above', '5': 'Far above' } }),
  },
  // single sign-on
  {
    method: 'PUT',
    path: '/v1/organization/sso',
    actor: (s) => s.team.admin,
    params: none,
    body: (s) => ({
      issuerUrl: s.oidcIssuer,
      clientId: 'hireloop-scene',
      clientSecret: 'scene client secret',
      allowedDomains: ['scene.example.test'],
    }),
  },
  { method: 'DELETE', path: '/v1/organization/sso', actor: (s) => s.team.admin, params: none },
  { method: 'POST', path: '/v1/auth/sso/exchange', actor: () => undefined, params: none },

  // email preferences
  {
    method: 'PATCH',
    path: '/v1/me/email-preferences',
    actor: (s) => s.team.interviewers[0],
    params: none,
    body: () => ({ feedbackReminders: false }),
  },
  {
    method: 'PATCH',
    path: '/v1/email-preferences/:token',
    actor: () => undefined,
    params: (s) => ({ token: s.preferencesToken }),
    body: () => ({ decisionNotices: false }),
  },
  { method: 'POST', path: '/v1/email-preferences/:token/unsubscribe', actor: () => undefined, params: (s) => ({ token: s.preferencesToken }) },

  // voluntary self-identification (issue 16)
  {
    method: 'POST',
    path: '/v1/applications/:id/self-identification-link',
    actor: (s) => s.team.recruiter,
    params: (s) => ({ id: s.applications.main }),
    body: () => ({ expiresInDays: 7 }),
  },
  {
    method: 'POST',
    path: '/v1/self-identification/:token',
    actor: () => undefined,
    params: (s) => ({ token: s.selfIdentificationToken }),
    body: () => ({
      sex: 'decline_to_answer',
      raceEthnicity: 'decline_to_answer',
      veteranStatus: 'decline_to_answer',
      disability: 'decline_to_answer',
    }),
  },

  // your own account: these end the caller's sessions, so they act as a member no other entry acts as
  { method: 'PATCH', path: '/v1/me', actor: (s) => s.accountMember, params: none, body: () => ({ name: 'Account Owner' }) },
  {
    method: 'POST',
    path: '/v1/auth/switch-organization',
    actor: (s) => s.accountMember,
    params: none,
    body: (s) => ({ organizationId: s.organizationId }),
  },
  // before the request below, which replaces open links
  { method: 'POST', path: '/v1/auth/email-change/confirm', actor: () => undefined, params: none, body: (s) => ({ token: s.emailChangeToken }) },
  {
    method: 'POST',
    path: '/v1/me/email',
    actor: (s) => s.accountMember,
    params: none,
    body: () => ({ newEmail: uniqueEmail('moved'), currentPassword: TEST_PASSWORD }),
  },
  { method: 'DELETE', path: '/v1/me/sessions/:id', actor: (s) => s.accountMember, params: (s) => ({ id: s.accountSessionId }) },
  {
    method: 'POST',
    path: '/v1/me/password',
    actor: (s) => s.accountMember,
    params: none,
    body: () => ({ currentPassword: TEST_PASSWORD, newPassword: TEST_PASSWORD }),
  },
  { method: 'POST', path: '/v1/auth/logout-everywhere', actor: (s) => s.accountMember, params: none },
  { method: 'POST', path: '/v1/members/:id/end-sessions', actor: (s) => s.team.admin, params: (s) => ({ id: s.accountMember.memberId }) },
];

export const endpointKey = (e: { method: string; path: string }) => `${e.method} ${e.path}`;

export function findWriteEndpoint(method: string, path: string): WriteEndpoint | undefined {
  return WRITE_ENDPOINTS.find((e) => e.method === method && e.path === path);
}

/** Write routes of the app that the catalogue lacks, and catalogue entries that name no route. Both must be empty. */
export function uncataloguedWriteRoutes(routes: RouteDeclaration[]): { missing: string[]; stale: string[] } {
  const writes = new Set(routes.filter((r) => r.method !== 'GET').map(endpointKey));
  const catalogued = new Set(WRITE_ENDPOINTS.map(endpointKey));
  return { missing: [...writes].filter((k) => !catalogued.has(k)).sort(), stale: [...catalogued].filter((k) => !writes.has(k)).sort() };
}

/** The concrete URL of an endpoint with the given params (every `:name` must have a value). */
export function fillPath(path: string, params: Record<string, string>): string {
  return path.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    if (params[name] === undefined) throw new Error(`no value for :${name} in ${path}`);
    return encodeURIComponent(params[name]);
  });
}

/** Builds the scene over HTTP (roles through the SQL loop fixture, as other e2e tests do). */
export async function createWriteScene(t: TestApp): Promise<WriteScene> {
  const team = await createTeam(t);
  const org = team.admin.organizationId;
  const [alice, bob, carol] = team.interviewers;
  const openRole = await createOpenRole(t.dataSource, org, { hiringManagerId: team.hiringManager.memberId, title: 'Open role' });
  const draftRole = await createOpenRole(t.dataSource, org, { hiringManagerId: team.hiringManager.memberId, title: 'Draft role', status: 'draft' });

  const candidate = async (name: string) =>
    (
      await t.http
        .post('/v1/candidates')
        .set(team.recruiter.auth)
        .send({ name, email: uniqueEmail('cand'), source: 'referral' })
        .expect(201)
    ).body.id as string;
  const apply = async (candidateId: string) =>
    (await t.http.post('/v1/applications').set(team.recruiter.auth).send({ candidateId, roleId: openRole.roleId }).expect(201)).body.id as string;
  const candidates = {
    main: await candidate('Main Candidate'),
    patch: await candidate('Patch Candidate'),
    decision: await candidate('Decision Candidate'),
    spare: await candidate('Spare Candidate'),
  };
  const applications = {
    main: await apply(candidates.main),
    patch: await apply(candidates.patch),
    decision: await apply(candidates.decision),
    hired: await apply(await candidate('Hired Candidate')),
  };
  await t.http
    .post(`/v1/applications/${applications.hired}/decision`)
    .set(team.hiringManager.auth)
    .send({ decision: 'hire', rationale: 'Strong across the whole loop.', overrideReason: 'No report yet; the evidence was plain.' })
    .expect(201);
  const outcome = await t.http
    .post(`/v1/applications/${applications.hired}/outcomes`)
    .set(team.hiringManager.auth)
    .send({ kind: 'performance_rating', reviewPoint: '90d', rating: 4 })
    .expect(201);

  const draftInterviewId = await scheduleInterview(t, team.recruiter, applications.main, openRole.rounds.technical.id, [alice]);
  const submittedInterviewId = await scheduleInterview(t, team.recruiter, applications.main, openRole.rounds.design.id, [bob]);
  const cancellableInterviewId = await scheduleInterview(
    t,
    team.recruiter,
    applications.main,
    openRole.rounds.pairing.id,
    [carol],
    interviewWindow(24),
  );
  const movableInterviewId = await scheduleInterview(t, team.recruiter, applications.main, openRole.rounds.pairing.id, [carol], interviewWindow(28));
  const submitted = await t.http
    .post(`/v1/interviews/${submittedInterviewId}/scorecard/submit`)
    .set(bob.auth)
    .send(completeScorecard(openRole.rounds.design, { privateNote: 'Bob private note' }))
    .expect(200);

  const question = await t.http
    .post('/v1/questions')
    .set(team.recruiter.auth)
    .send({ prompt: 'Explain consistent hashing.', tags: ['distributed'] })
    .expect(201);
  const spareMember = await addMember(t, team.admin, ['interviewer'], 'Spare Interviewer');
  const accountMember = await addMember(t, team.admin, ['interviewer'], 'Account Owner');
  const invite = await t.http
    .post('/v1/members')
    .set(team.admin.auth)
    .send({ email: uniqueEmail('pending'), name: 'Pending Person', roles: ['interviewer'] })
    .expect(201);
  const revocableInvite = await t.http
    .post('/v1/members')
    .set(team.admin.auth)
    .send({ email: uniqueEmail('revocable'), name: 'Revocable Person', roles: ['interviewer'] })
    .expect(201);

  // A pending signup of another organization, as the verification mode leaves it; its link is used from another
  // browser than the one that signed up, so it takes the sign-up's password.
  const verificationToken = newOneTimeToken();
  await t.dataSource.query(
    `WITH u AS (INSERT INTO users (email, name, password_hash) VALUES ($1, 'Pending Founder', $3) RETURNING id),
          o AS (INSERT INTO organizations (name) VALUES ('Pending Org') RETURNING id),
          m AS (INSERT INTO members (organization_id, user_id, roles, status) SELECT o.id, u.id, '{admin}', 'invited' FROM o, u RETURNING id)
     INSERT INTO signup_verifications (token_hash, member_id, expires_at) SELECT $2, m.id, now() + interval '1 day' FROM m`,
    [uniqueEmail('pending-signup'), hashOneTimeToken(verificationToken), await hashPassword(TEST_PASSWORD)],
  );

  return {
    team,
    organizationId: org,
    verificationToken,
    openRole,
    draftRole,
    candidates,
    applications,
    outcomeId: outcome.body.id,
    outcomeImportId: (
      await t.http
        .post('/v1/outcomes/imports?dryRun=true')
        .set(team.admin.auth)
        .set('Content-Type', 'text/csv')
        .send(`application_id,kind,review_point,rating,date\n${applications.hired},performance_rating,6m,3,2026-09-30\n`)
        .expect(202)
    ).body.id,
    validityReportId: (await t.http.post('/v1/quality-of-hire/reports').set(team.hiringManager.auth).send({ roleId: openRole.roleId }).expect(202))
      .body.id,
    draftInterviewId,
    submittedInterviewId,
    submittedScorecardId: submitted.body.id,
    cancellableInterviewId,
    movableInterviewId,
    questionId: question.body.id,
    spareMember,
    accountMember,
    inviteToken: invite.body.inviteToken,
    revocableInviteMemberId: revocableInvite.body.member.id,
    resetToken: await openPasswordReset(t.dataSource, spareMember.userId),
    emailChangeToken: await openEmailChange(t.dataSource, accountMember.userId, uniqueEmail('confirmed')),
    accountSessionId: await signInAgain(t, accountMember),
    oidcIssuer: (await (sceneProvider ??= startOidcProvider([]))).issuer,
    preferencesToken: signPreferencesToken(preferencesLinkKey(parseMasterKey(process.env.DATA_ENCRYPTION_KEY!)), spareMember.userId),
    selfIdentificationToken: await selfIdentificationToken(t, team.recruiter, applications.main),
  };
}

/** A fresh one-time self-identification link's token, as the candidate's page URL carries it. */
async function selfIdentificationToken(t: TestApp, recruiter: Actor, applicationId: string): Promise<string> {
  const link = await t.http.post(`/v1/applications/${applicationId}/self-identification-link`).set(recruiter.auth).send({}).expect(201);
  return String(link.body.url).split('/self-identification/')[1];
}

/** A password-reset token as POST /v1/auth/password-reset stores it (SHA-256, one hour), without going through email. */
export async function openPasswordReset(dataSource: DataSource, userId: string): Promise<string> {
  const token = newOneTimeToken();
  await dataSource.query(`INSERT INTO password_reset_tokens (user_id, token_hash, expires_at) VALUES ($1, $2, now() + interval '1 hour')`, [
    userId,
    hashOneTimeToken(token),
  ]);
  return token;
}

/** The id of a new session of the actor (a second sign-in), as its token's `jti` carries it. */
async function signInAgain(t: TestApp, actor: Actor): Promise<string> {
  const res = await t.http
    .post('/v1/auth/login')
    .send({ email: actor.email, password: TEST_PASSWORD, organizationId: actor.organizationId })
    .expect(200);
  return sessionIdOf(res.body.accessToken);
}

/** An email-change link's token as POST /v1/me/email stores it (SHA-256, 24 hours), without going through email. */
export async function openEmailChange(dataSource: DataSource, userId: string, newEmail: string): Promise<string> {
  const token = newOneTimeToken();
  await dataSource.query(
    `INSERT INTO email_change_tokens (user_id, new_email, token_hash, expires_at) VALUES ($1, $2, $3, now() + interval '1 day')`,
    [userId, newEmail, hashOneTimeToken(token)],
  );
  return token;
}

/**
 * A digest of everything stored for one organization (every row of every table with an organization_id, plus the
 * organization itself) and the global row counts of users, organizations and members. Equal digests before and after a
 * refused request mean the request wrote nothing, not even part of what it meant to write.
 */
export async function organizationFingerprint(dataSource: DataSource, organizationId: string): Promise<Record<string, string>> {
  const tables: { table_name: string }[] = await dataSource.query(
    `SELECT table_name FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'organization_id' ORDER BY table_name`,
  );
  const parts = tables.map(
    ({ table_name }) =>
      `SELECT '${table_name}' AS t, count(*)::text || ':' || coalesce(md5(string_agg(x::text, '|' ORDER BY x::text)), '') AS d FROM "${table_name}" x WHERE x.organization_id = $1`,
  );
  parts.push(`SELECT 'organization', coalesce(md5(string_agg(o::text, '|')), '') FROM organizations o WHERE o.id = $1`);
  parts.push(
    `SELECT 'global counts', (SELECT count(*) FROM users)::text || '/' || (SELECT count(*) FROM organizations)::text || '/' || (SELECT count(*) FROM members)::text`,
  );
  const rows: { t: string; d: string }[] = await dataSource.query(parts.join(' UNION ALL '), [organizationId]);
  return Object.fromEntries(rows.map((r) => [r.t, r.d]));
}

/** Ids of a scene that are not in `WriteScene` itself (made by the test that needs them). */
export interface SceneExtras {
  notificationId?: string;
  jobId?: string;
  /** The application whose decision GET /applications/:id/decision reads. */
  decisionApplicationId?: string;
}

/** Parameters that name no tenant data, with the reason. */
export const NOT_TENANT_DATA_PARAMS: Record<string, string> = {
  key: 'role templates are the product catalogue, the same for every organization',
  name: "queue names are the service's fixed queues",
  token: 'a calendar-feed token is a capability: it names its own feed, whoever presents it (unknown or revoked: 404)',
  organizationId:
    "single sign-on starts from the organization's id, public by design (the sign-in link admins share); the flow is bound to the browser that starts it",
};

/**
 * A real value for a path parameter of the scene's organization, by the collection it follows (`/roles/:id` → the
 * open role). Undefined for a parameter this function does not know: a test should fail on it until it is added.
 */
export function sceneParam(scene: WriteScene, extras: SceneExtras, path: string, param: string): string | undefined {
  const segments = path.split('/');
  const collection = segments[segments.indexOf(`:${param}`) - 1];
  switch (param) {
    case 'name':
      return 'panel-aggregation';
    case 'key':
      return ROLE_TEMPLATE_KEYS[0];
    case 'token':
      return 'no-such-feed-token.ics';
    case 'organizationId':
      return scene.organizationId;
    case 'jobId':
      return extras.jobId;
    case 'dimensionId':
      return scene.openRole.dimensions.coding.id;
    case 'roundId':
      return scene.openRole.rounds.technical.id;
    case 'versionId':
      return scene.openRole.loopVersionId;
    case 'outcomeId':
      return scene.outcomeId;
    case 'id':
      break;
    default:
      return undefined;
  }
  const byCollection: Record<string, string | undefined> = {
    applications: path.endsWith('/decision')
      ? (extras.decisionApplicationId ?? scene.applications.decision)
      : path.includes('/outcomes')
        ? scene.applications.hired
        : scene.applications.main,
    candidates: scene.candidates.main,
    interviewers: scene.team.interviewers[1].memberId,
    interviews: scene.submittedInterviewId,
    members: scene.spareMember.memberId,
    notifications: extras.notificationId,
    questions: scene.questionId,
    roles: scene.openRole.roleId,
    scorecards: scene.submittedScorecardId,
    sessions: scene.accountSessionId,
    imports: scene.outcomeImportId,
    reports: path.startsWith('/v1/quality-of-hire/') ? scene.validityReportId : undefined,
  };
  return byCollection[collection];
}

export const pathParams = (path: string) => [...path.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]);
