import { DataSource } from 'typeorm';
import { ALL_ENTITIES } from '@hireloop/core';
import { buildDataSourceOptions } from '@hireloop/database';
import { createCalibrationMembers, createCalibrationRole, scheduleInterview } from '@hireloop/testing/calibration-fixture';

const DAY = 24 * 3600 * 1000;

/**
 * `interview_interviewers` (one row per interview and interviewer, what GET /v1/me/interviews reads by member) is
 * kept by a trigger on interviews: every way an interview changes (scheduled, panel changed, moved, cancelled, deleted)
 * shows there at once, whoever writes it.
 */
describe('interview_interviewers, kept by the interviews trigger (PostgreSQL)', () => {
  let ds: DataSource;

  beforeAll(async () => {
    ds = await new DataSource(buildDataSourceOptions({ url: process.env.DATABASE_URL!, entities: ALL_ENTITIES, poolSize: 2 })).initialize();
  });
  afterAll(async () => {
    await ds.destroy();
  });

  const rowsOf = async (interviewId: string) =>
    (
      await ds.query(
        `SELECT member_id AS "memberId", starts_at AS "startsAt", ends_at AS "endsAt", status FROM interview_interviewers WHERE interview_id = $1 ORDER BY member_id`,
        [interviewId],
      )
    ).map((r: { startsAt: Date; endsAt: Date }) => ({ ...r, startsAt: r.startsAt.toISOString(), endsAt: r.endsAt.toISOString() }));

  it('follows the panel, the time and the status of the interview, and goes with it', async () => {
    const members = await createCalibrationMembers(ds, 3);
    const role = await createCalibrationRole(ds, members.organizationId);
    const [alice, bob, carol] = members.interviewerIds;
    const endsAt = new Date(Date.now() + 2 * DAY);
    const { interviewId } = await scheduleInterview(ds, role, { interviewerIds: [alice, bob], endsAt });
    const at = (ends: Date) => ({ startsAt: new Date(ends.getTime() - 3600 * 1000).toISOString(), endsAt: ends.toISOString() });
    const row = (memberId: string, ends: Date, status = 'scheduled') => ({ memberId, ...at(ends), status });
    const sorted = (...rows: { memberId: string }[]) => rows.sort((x, y) => x.memberId.localeCompare(y.memberId));

    expect(await rowsOf(interviewId)).toEqual(sorted(row(alice, endsAt), row(bob, endsAt)));

    // Bob leaves the panel, Carol joins (a repeated id is stored once).
    await ds.query(`UPDATE interviews SET interviewer_ids = $2 WHERE id = $1`, [interviewId, [alice, carol, carol]]);
    expect(await rowsOf(interviewId)).toEqual(sorted(row(alice, endsAt), row(carol, endsAt)));

    // Moved a day earlier, then cancelled.
    const moved = new Date(endsAt.getTime() - DAY);
    await ds.query(`UPDATE interviews SET starts_at = $2, ends_at = $3 WHERE id = $1`, [interviewId, at(moved).startsAt, moved]);
    expect(await rowsOf(interviewId)).toEqual(sorted(row(alice, moved), row(carol, moved)));
    await ds.query(`UPDATE interviews SET status = 'cancelled' WHERE id = $1`, [interviewId]);
    expect(await rowsOf(interviewId)).toEqual(sorted(row(alice, moved, 'cancelled'), row(carol, moved, 'cancelled')));

    await ds.query(`DELETE FROM interviews WHERE id = $1`, [interviewId]);
    expect(await rowsOf(interviewId)).toEqual([]);
  });

  it("marks the interviewer's feedback done while their scorecard is submitted or withdrawn", async () => {
    const members = await createCalibrationMembers(ds, 3);
    const role = await createCalibrationRole(ds, members.organizationId);
    const [alice, bob, carol] = members.interviewerIds;
    const { interviewId, applicationId } = await scheduleInterview(ds, role, { interviewerIds: [alice, bob], endsAt: new Date(Date.now() - DAY) });
    const done = async () =>
      Object.fromEntries(
        (await ds.query(`SELECT member_id, feedback_done FROM interview_interviewers WHERE interview_id = $1`, [interviewId])).map(
          (r: { member_id: string; feedback_done: boolean }) => [r.member_id, r.feedback_done],
        ),
      );
    expect(await done()).toEqual({ [alice]: false, [bob]: false });

    const [{ id: cardId }] = await ds.query(
      `INSERT INTO scorecards (organization_id, application_id, interview_id, interviewer_id, loop_version_id, status, revision)
       VALUES ($1, $2, $3, $4, $5, 'draft', 0) RETURNING id`,
      [members.organizationId, applicationId, interviewId, alice, role.loopVersionId],
    );
    expect(await done()).toEqual({ [alice]: false, [bob]: false });
    await ds.query(`UPDATE scorecards SET status = 'submitted', revision = 1, recommendation = 'yes', submitted_at = now() WHERE id = $1`, [cardId]);
    expect(await done()).toEqual({ [alice]: true, [bob]: false });
    await ds.query(`UPDATE scorecards SET status = 'withdrawn', revision = 2 WHERE id = $1`, [cardId]);
    expect(await done()).toEqual({ [alice]: true, [bob]: false });
    // A new interviewer on the panel starts without feedback; those already there keep theirs.
    await ds.query(`UPDATE interviews SET interviewer_ids = $2 WHERE id = $1`, [interviewId, [alice, bob, carol]]);
    expect(await done()).toEqual({ [alice]: true, [bob]: false, [carol]: false });
    await ds.query(`DELETE FROM scorecards WHERE id = $1`, [cardId]);
    expect(await done()).toEqual({ [alice]: false, [bob]: false, [carol]: false });
  });
});
