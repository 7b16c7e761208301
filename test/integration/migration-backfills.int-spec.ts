import { DataSource } from 'typeorm';
import { appDatabaseUrl } from '@hireloop/config';
import { ALL_ENTITIES } from '@hireloop/core';
import { buildDataSourceOptions } from '@hireloop/database';
import { createPanel, writeScorecard } from '@hireloop/testing/panel-fixture';
import { InterviewInterviewersBackfill1769001300000 } from '../../migrations/1769001300000-InterviewInterviewersBackfill';

/**
 * A migration's data change must reach every organization's rows although row-level security is forced for the table
 * owner too: run here as a role without superuser or BYPASSRLS (the service's, which row-level security binds in
 * the same way), where the unscoped statement sees nothing.
 */
describe('migration backfills under row-level security', () => {
  let owner: DataSource;
  let limited: DataSource;

  beforeAll(async () => {
    owner = await new DataSource(buildDataSourceOptions({ url: process.env.DATABASE_URL!, entities: ALL_ENTITIES, poolSize: 2 })).initialize();
    const url = appDatabaseUrl({ DATABASE_URL: process.env.DATABASE_URL! });
    limited = await new DataSource(buildDataSourceOptions({ url, entities: ALL_ENTITIES, poolSize: 1 })).initialize();
  });
  afterAll(async () => {
    await limited?.destroy();
    await owner?.destroy();
  });

  const rowsOf = (interviewIds: string[]) =>
    owner.query(
      `SELECT interview_id AS "interviewId", member_id AS "memberId", feedback_done AS "done" FROM interview_interviewers WHERE interview_id = ANY($1) ORDER BY interview_id`,
      [interviewIds],
    ) as Promise<{ interviewId: string; memberId: string; done: boolean }[]>;

  it('InterviewInterviewersBackfill adds the rows missing for every organization, with their feedback state', async () => {
    const panel = await createPanel(owner);
    await writeScorecard(owner, panel, 0, { ratings: [3, 3, 3], recommendation: 'yes' });
    const ids = panel.interviews.map((i) => i.id);
    const expected = await rowsOf(ids);
    expect(expected).toHaveLength(panel.interviews.length);
    expect(expected.filter((r) => r.done)).toHaveLength(1);
    await owner.query(`DELETE FROM interview_interviewers WHERE interview_id = ANY($1)`, [ids]);

    // What the first migration did: without the system scope, such a role sees no interview and adds nothing.
    await limited.query(
      `INSERT INTO interview_interviewers (organization_id, interview_id, member_id, starts_at, ends_at, status)
                         SELECT i.organization_id, i.id, m, i.starts_at, i.ends_at, i.status FROM interviews i, unnest(i.interviewer_ids) AS m
                         WHERE i.id = ANY($1) ON CONFLICT DO NOTHING`,
      [ids],
    );
    expect(await rowsOf(ids)).toEqual([]);

    const runner = limited.createQueryRunner();
    try {
      await runner.startTransaction();
      await new InterviewInterviewersBackfill1769001300000().up(runner);
      await runner.commitTransaction();
    } finally {
      await runner.release();
    }
    expect(await rowsOf(ids)).toEqual(expected);
    // And the scope does not outlive the statement.
    expect(await limited.query(`SELECT coalesce(current_setting('app.scope', true), '') AS scope`)).toEqual([{ scope: '' }]);
  });
});
