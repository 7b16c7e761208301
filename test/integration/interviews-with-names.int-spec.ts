import { DataSource } from 'typeorm';
import { ALL_ENTITIES, InterviewsRepository } from '@hireloop/core';
import { buildDataSourceOptions } from '@hireloop/database';
import { LoopVersionsRepository } from '@hireloop/core/roles/loop-versions.repository';
import { createCalibrationMembers, createCalibrationRole, scheduleInterview } from '@hireloop/testing/calibration-fixture';

const DAY = 24 * 3600 * 1000;

/**
 * The one query behind interview emails, invitations and the calendar feed (InterviewsRepository.withNames) on a real
 * PostgreSQL: names as the pinned loop version has them, the calendar SEQUENCE, an interviewer's window, one tenant.
 */
describe('InterviewsRepository.withNames (PostgreSQL)', () => {
  let ds: DataSource;
  let repository: InterviewsRepository;

  beforeAll(async () => {
    ds = await new DataSource(buildDataSourceOptions({ url: process.env.DATABASE_URL!, entities: ALL_ENTITIES, poolSize: 4 })).initialize();
    repository = new InterviewsRepository(ds, new LoopVersionsRepository(ds));
  });
  afterAll(async () => {
    await ds.destroy();
  });

  it('one interview: candidate, role and the round name of its loop version; the calendar SEQUENCE once one was sent', async () => {
    const members = await createCalibrationMembers(ds, 2);
    const role = await createCalibrationRole(ds, members.organizationId, { title: 'Staff Engineer' });
    const endsAt = new Date(Date.now() + 2 * DAY);
    const { interviewId, applicationId } = await scheduleInterview(ds, role, { interviewerIds: members.interviewerIds, endsAt });
    // The round is renamed after the interview was scheduled: the interview keeps the name of its loop version.
    await ds.query(`UPDATE rounds SET name = 'Renamed' WHERE id = $1`, [role.roundId]);

    const [row] = await repository.withNames(members.organizationId, { interviewId });
    expect(row).toEqual({
      id: interviewId,
      applicationId,
      status: 'scheduled',
      startsAt: new Date(endsAt.getTime() - 3600 * 1000),
      endsAt,
      interviewerIds: members.interviewerIds,
      candidateName: 'Reminder Candidate',
      roleTitle: 'Staff Engineer',
      roundName: 'Onsite',
      calendarSequence: null,
      updatedAt: expect.any(Date),
    });
    await ds.query(`INSERT INTO interview_calendar_sequences (interview_id, sequence) VALUES ($1, 3)`, [interviewId]);
    expect((await repository.withNames(members.organizationId, { interviewId }))[0].calendarSequence).toBe(3);
    // Another organization does not see it.
    const other = await createCalibrationMembers(ds, 1);
    expect(await repository.withNames(other.organizationId, { interviewId })).toEqual([]);
  });

  it("an interviewer's interviews: those ended within the window and all ahead, soonest first, up to the limit", async () => {
    const members = await createCalibrationMembers(ds, 2);
    const role = await createCalibrationRole(ds, members.organizationId);
    const [alice, bob] = members.interviewerIds;
    const at = (days: number) => new Date(Date.now() + days * DAY);
    const old = await scheduleInterview(ds, role, { interviewerIds: [alice], endsAt: at(-61) });
    const recent = await scheduleInterview(ds, role, { interviewerIds: [alice, bob], endsAt: at(-59) });
    const ahead = await scheduleInterview(ds, role, { interviewerIds: [alice], endsAt: at(3) });
    const soon = await scheduleInterview(ds, role, { interviewerIds: [alice], endsAt: at(1) });
    const bobsOnly = await scheduleInterview(ds, role, { interviewerIds: [bob], endsAt: at(2) });
    await ds.query(`UPDATE interviews SET status = 'cancelled' WHERE id = $1`, [soon.interviewId]);

    const alices = await repository.withNames(members.organizationId, { interviewerId: alice, endedWithinDays: 60, limit: 10 });
    expect(alices.map((i) => i.id)).toEqual([recent.interviewId, soon.interviewId, ahead.interviewId]);
    expect(alices.map((i) => i.status)).toEqual(['scheduled', 'cancelled', 'scheduled']);
    expect(alices.map((i) => i.id)).not.toContain(old.interviewId);
    expect(alices.map((i) => i.id)).not.toContain(bobsOnly.interviewId);
    const limited = await repository.withNames(members.organizationId, { interviewerId: alice, endedWithinDays: 60, limit: 2 });
    expect(limited.map((i) => i.id)).toEqual([recent.interviewId, soon.interviewId]);
  });
});
