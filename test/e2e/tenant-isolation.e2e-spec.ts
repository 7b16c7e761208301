import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { FeedbackRemindersService, MEMBER_ROLES, MemberRole, NotificationsRepository, OutboxService, WebhookDeliveryService } from '@hireloop/core';
import { WebhookDeliveriesRepository } from '@hireloop/core/notifications/webhook-deliveries.repository';
import { OrganizationsRepository } from '@hireloop/core/organizations/organizations.repository';
import { FeedbackRemindersRepository } from '@hireloop/core/reminders/feedback-reminders.repository';
import { runAsSystem, runInOrganization } from '@hireloop/database';
import { JobName, QueueName, redisConnectionFromUrl } from '@hireloop/queue';
import { Actor, addMember, createTestApp, routeTable, RouteDeclaration, signupOrganization, TestApp } from '@hireloop/testing';
import {
  createWriteScene,
  findWriteEndpoint,
  NOT_TENANT_DATA_PARAMS,
  organizationFingerprint,
  pathParams,
  sceneParam,
  WriteScene,
} from '@hireloop/testing/write-endpoints';

jest.setTimeout(120_000);

/**
 * Tenancy, from the route table: every route with an id parameter, called by each member of organization B whose
 * roles the route admits, with organization A's real ids (and a valid body) answers 404 problem+json — the same
 * answer as for an id that exists nowhere — and A's data is unchanged afterwards. A new route with an id parameter is
 * covered automatically; one whose parameter this file cannot resolve fails the test until it is added below.
 */
describe("tenant isolation: another organization's ids are 404 on every id route", () => {
  let t: TestApp;
  let routes: RouteDeclaration[];
  let a: WriteScene;
  let aIds: { notificationId: string; jobId: string; decisionApplicationId: string };
  const b = {} as Record<MemberRole, Actor>;
  let queue: Queue;
  let aCompliance: Actor;

  beforeAll(async () => {
    t = await createTestApp();
    routes = routeTable(t.app);
    a = await createWriteScene(t);
    // A notification of A's: Alice has not sent feedback for her interview a day after it ended.
    await new FeedbackRemindersService(
      t.dataSource,
      new FeedbackRemindersRepository(t.dataSource),
      new NotificationsRepository(t.dataSource),
      new WebhookDeliveryService(new WebhookDeliveriesRepository(t.dataSource), new OrganizationsRepository(t.dataSource), new OutboxService()),
    ).scan(new Date(Date.now() + 30 * 3600_000));
    const [notification] = await t.dataSource.query(`SELECT id FROM notifications WHERE organization_id = $1 ORDER BY created_at LIMIT 1`, [
      a.organizationId,
    ]);
    // A job of A's in a queue (no worker runs here, so it waits).
    queue = new Queue(QueueName.PanelAggregation, { connection: redisConnectionFromUrl(process.env.REDIS_URL!), prefix: process.env.QUEUE_PREFIX });
    const job = await queue.add(
      JobName.AggregatePanel,
      { organizationId: a.organizationId, applicationId: a.applications.main },
      { jobId: `tenant-test-${randomUUID()}` },
    );
    // A decision of A's.
    await t.http
      .post(`/v1/applications/${a.applications.decision}/decision`)
      .set(a.team.hiringManager.auth)
      .send(findWriteEndpoint('POST', '/v1/applications/:id/decision')!.body!(a))
      .expect((res) => expect(res.status).toBeLessThan(300));
    aIds = { notificationId: notification?.id, jobId: job.id!, decisionApplicationId: a.applications.decision };
    // A's candidate answers the self-identification form, which only a compliance member of A reads.
    await t.http
      .post(`/v1/self-identification/${a.selfIdentificationToken}`)
      .send(findWriteEndpoint('POST', '/v1/self-identification/:token')!.body!(a))
      .expect(204);
    aCompliance = await addMember(t, a.team.admin, ['compliance']);

    b.admin = await signupOrganization(t);
    for (const role of MEMBER_ROLES.filter((r) => r !== 'admin')) b[role] = await addMember(t, b.admin, [role]);
  });
  afterAll(async () => {
    await queue?.obliterate({ force: true }).catch(() => undefined);
    await queue?.close();
    await t?.close();
  });

  const NOT_TENANT_DATA = NOT_TENANT_DATA_PARAMS;
  const aIdFor = (path: string, param: string) => sceneParam(a, aIds, path, param);

  const paramsOf = pathParams;
  const idRoutes = () => routes.filter((r) => paramsOf(r.path).some((p) => !(p in NOT_TENANT_DATA)));

  function call(route: RouteDeclaration, actor: Actor, ids: (param: string) => string) {
    const url = route.path.replace(/:([A-Za-z]+)/g, (_, p: string) => encodeURIComponent(ids(p)));
    const req = t.http[route.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete'](url).set(actor.auth);
    const body = findWriteEndpoint(route.method, route.path)?.body?.(a);
    return body ? req.send(body) : req;
  }

  /** B's members that the route admits: its declared roles, or everyone when it declares none. */
  const bCallers = (route: RouteDeclaration) => (route.roles?.length ? route.roles : [...MEMBER_ROLES]).map((role) => b[role]);

  it("resolves every id parameter of every route to a real id of A's", () => {
    expect(aIds.notificationId).toEqual(expect.any(String));
    const unresolved = routes.flatMap((r) =>
      paramsOf(r.path)
        .filter((p) => aIdFor(r.path, p) === undefined)
        .map((p) => `${r.method} ${r.path} :${p}`),
    );
    expect(unresolved).toEqual([]);
    expect(idRoutes().length).toBeGreaterThan(30);
  });

  it("gives A's own members A's ids (so the 404s below are about the tenant, not the id)", async () => {
    const asA: Partial<Record<string, Actor>> = {
      'GET /v1/interviews/:id/scorecard': a.team.interviewers[1],
      'GET /v1/interviews/:id/kit': a.team.interviewers[1],
      'GET /v1/applications/:id/self-identification': aCompliance,
    };
    const failures: string[] = [];
    for (const route of idRoutes().filter((r) => r.method === 'GET')) {
      const res = await call(route, asA[`${route.method} ${route.path}`] ?? a.team.admin, (p) => aIdFor(route.path, p)!);
      if (res.status !== 200) failures.push(`${route.method} ${route.path} → ${res.status} ${res.body?.code}`);
    }
    expect(failures).toEqual([]);
    // The job is A's too: A's admin may see it (only failed jobs can be retried), B's may not (below).
    const retry = await t.http.post(`/v1/admin/queues/${QueueName.PanelAggregation}/jobs/${aIds.jobId}/retry`).set(a.team.admin.auth).expect(409);
    expect(retry.body.code).toBe('job_not_failed');
  });

  it("answers 404 problem+json to every member of B, on every id route, for A's ids — as for ids that exist nowhere — and leaves A's data unchanged", async () => {
    const before = await organizationFingerprint(t.dataSource, a.organizationId);
    const failures: string[] = [];
    let checked = 0;
    for (const route of idRoutes()) {
      for (const actor of bCallers(route)) {
        const res = await call(route, actor, (p) => aIdFor(route.path, p)!);
        const nowhere = await call(route, actor, (p) => (p in NOT_TENANT_DATA ? aIdFor(route.path, p)! : randomUUID()));
        checked++;
        const what = `${route.method} ${route.path} as B's ${actor.roles.join('+')}`;
        if (res.status !== 404) failures.push(`${what} → ${res.status} ${res.body?.code ?? ''}`);
        else if (!String(res.headers['content-type']).includes('application/problem+json') || res.body?.status !== 404)
          failures.push(`${what}: 404 without problem+json`);
        else if (res.body.code !== nowhere.body?.code || nowhere.status !== 404)
          failures.push(`${what}: ${res.body.code} for A's id but ${nowhere.status} ${nowhere.body?.code} for an unknown id`);
        for (const id of Object.values(aIds))
          if (JSON.stringify(res.body).includes(`"${id}"`)) failures.push(`${what}: the 404 echoes A's id in a field`);
      }
    }
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(60);
    expect(await organizationFingerprint(t.dataSource, a.organizationId)).toEqual(before);
  });

  it("never lists A's rows to B: no list route of B's members mentions an id of A's", async () => {
    const aIdValues = [
      a.openRole.roleId,
      a.draftRole.roleId,
      ...Object.values(a.candidates),
      ...Object.values(a.applications),
      a.draftInterviewId,
      a.submittedInterviewId,
      a.submittedScorecardId,
      a.questionId,
      a.spareMember.memberId,
      a.team.admin.memberId,
      aIds.notificationId,
      aIds.jobId,
      a.organizationId,
    ];
    const lists = routes.filter((r) => r.method === 'GET' && !r.path.includes(':') && !r.isPublic);
    const leaks: string[] = [];
    for (const route of lists) {
      for (const actor of bCallers(route)) {
        const res = await t.http.get(route.path).set(actor.auth);
        if (res.status >= 500) leaks.push(`${route.path} as ${actor.roles.join('+')} → ${res.status}`);
        const text = JSON.stringify(res.body);
        for (const id of aIdValues) if (text.includes(id)) leaks.push(`${route.path} as B's ${actor.roles.join('+')} shows ${id}`);
      }
    }
    const failed = await t.http.get(`/v1/admin/queues/${QueueName.PanelAggregation}/failed`).set(b.admin.auth).expect(200);
    expect(JSON.stringify(failed.body)).not.toContain(a.organizationId);
    expect(leaks).toEqual([]);
  });

  describe('by the database (row-level security)', () => {
    it("returns nothing of another organization to a query without an organization filter, through the API's own connection", async () => {
      // Every table with rows of A: through the service's DataSource, in the scope of B (as a request of B has it).
      const tables: { table_name: string }[] = await t.dataSource.query(
        `SELECT c.table_name FROM information_schema.columns c JOIN information_schema.tables t USING (table_schema, table_name)
          WHERE c.table_schema = 'public' AND c.column_name = 'organization_id' AND t.table_type = 'BASE TABLE' ORDER BY 1`,
      );
      const seenByB: string[] = [];
      let seenByA = 0;
      for (const { table_name } of tables) {
        const count = async (org: string) =>
          runInOrganization(
            org,
            async () =>
              (await t.appDataSource.query(`SELECT count(*)::int AS n FROM "${table_name}" WHERE organization_id = $1`, [a.organizationId]))[0]
                .n as number,
          );
        if ((await count(b.admin.organizationId)) > 0) seenByB.push(table_name);
        seenByA += await count(a.organizationId);
        // Unfiltered: B's scope sees only B's rows.
        const orgs = await runInOrganization(b.admin.organizationId, () =>
          t.appDataSource.query(`SELECT DISTINCT organization_id FROM "${table_name}"`),
        );
        for (const row of orgs as { organization_id: string | null }[])
          if (row.organization_id !== b.admin.organizationId) seenByB.push(`${table_name} (unfiltered)`);
      }
      expect(seenByA).toBeGreaterThan(20);
      expect(seenByB).toEqual([]);
      // Outside any scope the service's connection sees nothing at all.
      expect(await t.appDataSource.query(`SELECT count(*)::int AS n FROM candidates`)).toEqual([{ n: 0 }]);
    });

    it('connects as a role without superuser or BYPASSRLS, and the API process cannot enter the system scope', async () => {
      const [role] = await runInOrganization(a.organizationId, () =>
        t.appDataSource.query(`SELECT current_user AS name, rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user`),
      );
      expect(role).toEqual({ name: 'hireloop_app', rolsuper: false, rolbypassrls: false });
      expect(() => runAsSystem('attempt from the API', () => undefined)).toThrow(/refused/);
    });
  });
});
