import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import type { LoopSnapshot, SnapshotRound } from '@hireloop/core';
import { ApiClient } from './http';

/**
 * The people and the role of the API figures, made through the API itself: an organization and its admin (signup),
 * a hiring manager and the interviewers (invite + accept), a Senior Applied Scientist role from its template, opened.
 */

export interface Actor {
  token: string;
  memberId: string;
  userId: string;
  organizationId: string;
}

export interface Scene {
  admin: Actor;
  hiringManager: Actor;
  interviewers: Actor[];
  roleId: string;
  loopVersionId: string;
  snapshot: LoopSnapshot;
}

const PASSWORD = 'benchmark passphrase 0123';

/** What signup and invite acceptance answer, as far as the benchmark reads it. */
interface SessionBody {
  accessToken: string;
  user: { id: string };
  organization: { id: string };
  membership: { memberId: string };
}

function actorOf(body: SessionBody): Actor {
  return { token: body.accessToken, memberId: body.membership.memberId, userId: body.user.id, organizationId: body.organization.id };
}

async function invite(api: ApiClient, admin: Actor, roles: string[], name: string): Promise<Actor> {
  const email = `${roles[0]}-${randomUUID().slice(0, 12)}@bench.test`;
  const invited = await api.post<{ inviteToken: string }>('/v1/members', { email, name, roles }, admin.token);
  return actorOf(await api.post<SessionBody>('/v1/auth/accept-invite', { token: invited.inviteToken, password: PASSWORD }));
}

/** Runs `fn` over the items with at most `limit` at a time, keeping the order of the results. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const run = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, run));
  return results;
}

export async function createScene(api: ApiClient, pool: Pool, interviewers: number): Promise<Scene> {
  const admin = actorOf(
    await api.post<SessionBody>('/v1/auth/signup', {
      organizationName: 'Benchmark Org',
      name: 'Alex Admin',
      email: `admin-${randomUUID().slice(0, 12)}@bench.test`,
      password: PASSWORD,
    }),
  );
  const hiringManager = await invite(api, admin, ['hiring_manager'], 'Harper Manager');
  // Accepting an invite hashes a password (argon2, deliberately slow): a few at a time.
  const people = await mapLimit(
    Array.from({ length: interviewers }, (_, i) => i),
    4,
    (i) => invite(api, admin, ['interviewer'], `Interviewer ${i + 1}`),
  );
  const role = await api.post<{ id: string }>(
    '/v1/roles/from-template',
    { templateKey: 'senior-applied-scientist', hiringManagerId: hiringManager.memberId },
    admin.token,
  );
  await api.post(`/v1/roles/${role.id}/open`, {}, admin.token);
  const rows = await pool.query<{ loopVersionId: string; snapshot: LoopSnapshot }>(
    `SELECT lv.id AS "loopVersionId", lv.snapshot FROM roles r JOIN loop_versions lv ON lv.id = r.current_loop_version_id WHERE r.id = $1`,
    [role.id],
  );
  if (!rows.rows[0]) throw new Error(`role ${role.id} has no current loop version after opening`);
  return { admin, hiringManager, interviewers: people, roleId: role.id, loopVersionId: rows.rows[0].loopVersionId, snapshot: rows.rows[0].snapshot };
}

/**
 * A complete submission for an interview of the round, as an interviewer would send it: every focus dimension rated
 * with evidence, one listed strong signal, a recommendation, a level assessment and a private note.
 */
export function submissionBody(snapshot: LoopSnapshot, round: SnapshotRound, seed: number) {
  const dims = round.focusDimensionIds.map((id) => snapshot.dimensions.find((d) => d.id === id)!).filter(Boolean);
  const ratings = dims.map((d, i) => ({
    dimensionId: d.id,
    rating: 1 + ((seed + i * 3) % 4),
    evidence: `Asked about ${d.name.toLowerCase()}: the candidate explained the approach, the trade-offs and what they would measure, with an example from past work.`,
  }));
  const strong = dims.find((d) => d.signals.strong.length > 0);
  const mean = ratings.reduce((s, r) => s + r.rating, 0) / Math.max(1, ratings.length);
  return {
    ratings,
    recommendation: mean >= 3.25 ? 'strong_yes' : mean >= 2.5 ? 'yes' : mean >= 1.75 ? 'no' : 'strong_no',
    signals: strong ? [{ dimensionId: strong.id, kind: 'strong', text: strong.signals.strong[0] }] : [],
    redFlags: [],
    levelAssessment: 'at',
    privateNote: 'Would like a second opinion on depth.',
  };
}
