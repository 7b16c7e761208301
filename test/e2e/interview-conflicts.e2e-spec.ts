import {
  completeScorecard,
  createHiringScene,
  createTestApp,
  interviewWindow,
  scheduleInterview,
  signupOrganization,
  TestApp,
} from '@hireloop/testing';

/**
 * Double-booking: an interviewer booked at overlapping times is refused with 409 `interviewer_double_booked`
 * (naming who and listing the clashes) unless `allowConflict`, on scheduling and on moving. Interviews that already
 * ended and cancelled ones never clash; another organization's bookings are not seen.
 */
describe('interview double-booking', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('refuses an overlapping booking of the same interviewer unless allowConflict, on schedule and on move', async () => {
    const scene = await createHiringScene(t, { candidateName: 'Casey Clash' });
    const { recruiter, admin, interviewers } = scene.team;
    const [alice, bob, carol] = interviewers;
    const { technical, design, pairing } = scene.role.rounds;
    // Every window from one fixed instant, so that "overlapping" does not depend on when each line runs.
    const base = Date.now() + 24 * 3600_000;
    const at = (hours: number, minutes = 60) => ({
      startsAt: new Date(base + hours * 3600_000).toISOString(),
      endsAt: new Date(base + hours * 3600_000 + minutes * 60_000).toISOString(),
    });
    const first = await scheduleInterview(t, recruiter, scene.applicationId, technical.id, [alice, bob], at(0));
    const schedule = (body: object, actor = recruiter) =>
      t.http.post(`/v1/applications/${scene.applicationId}/interviews`).set(actor.auth).send(body);

    // Half an hour into Alice's and Bob's interview: both named, the clash listed.
    const clash = { roundId: design.id, interviewerIds: [carol.memberId, alice.memberId, bob.memberId], ...at(0.5) };
    const refused = await schedule(clash).expect(409);
    expect(refused.body).toMatchObject({
      code: 'interviewer_double_booked',
      detail:
        'Alice Interviewer and Bob Interviewer are already booked for another interview at an overlapping time. Choose another time or other interviewers, or schedule anyway (allowConflict).',
    });
    expect(refused.body.conflicts.map((c: { interviewId: string; interviewerName: string }) => [c.interviewId, c.interviewerName])).toEqual([
      [first, 'Alice Interviewer'],
      [first, 'Bob Interviewer'],
    ]);
    expect((await t.http.get(`/v1/applications/${scene.applicationId}`).set(recruiter.auth).expect(200)).body.interviews).toHaveLength(1);

    // Back to back is no clash; Carol alone is free; allowConflict books anyway.
    await schedule({ roundId: design.id, interviewerIds: [alice.memberId], ...at(1) }).expect(201);
    await schedule({ ...clash, interviewerIds: [carol.memberId] }).expect(201);
    await schedule({ ...clash, allowConflict: true }).expect(201);
    expect(fields(await schedule({ ...clash, allowConflict: 'yes' }).expect(400))).toEqual(['allowConflict']);

    // Moving onto a booked time: 409; onto its own time or with allowConflict: fine.
    const movable = await scheduleInterview(t, recruiter, scene.applicationId, pairing.id, [bob], at(24));
    const move = (body: object) => t.http.patch(`/v1/interviews/${movable}`).set(recruiter.auth).send(body);
    expect((await move(at(0.25, 30)).expect(409)).body.code).toBe('interviewer_double_booked');
    await move({ ...at(24.5), allowConflict: false }).expect(200);
    await move({ ...at(0.25, 30), allowConflict: true }).expect(200);

    // A cancelled interview no longer holds the time.
    await t.http.post(`/v1/interviews/${first}/cancel`).set(admin.auth).expect(200);
    // Alice is still on the allowConflict booking at 0.5–1.5 and the one at 1–2; 0–0.5 was only the cancelled one's.
    await schedule({ roundId: design.id, interviewerIds: [alice.memberId], ...at(0, 30) }).expect(201);
    expect((await schedule({ roundId: design.id, interviewerIds: [alice.memberId], ...at(0, 31) }).expect(409)).body.code).toBe(
      'interviewer_double_booked',
    );
  });

  it('does not judge interviews that already ended, and never sees another organization’s bookings', async () => {
    const scene = await createHiringScene(t);
    const { recruiter, interviewers } = scene.team;
    const [alice] = interviewers;
    const { technical, design } = scene.role.rounds;
    const held = await scheduleInterview(t, recruiter, scene.applicationId, technical.id, [alice], interviewWindow(-5));
    // An interview that took place is not recorded afterwards through the API: past start times are refused.
    const late = await t.http
      .post(`/v1/applications/${scene.applicationId}/interviews`)
      .set(recruiter.auth)
      .send({ roundId: design.id, interviewerIds: [alice.memberId], ...interviewWindow(-5) });
    expect([late.status, late.body.code]).toEqual([422, 'start_in_past']);
    await t.http.post(`/v1/interviews/${held}/scorecard/submit`).set(alice.auth).send(completeScorecard(technical)).expect(200);

    const other = await createHiringScene(t);
    const future = interviewWindow(30);
    await scheduleInterview(t, other.team.recruiter, other.applicationId, other.role.rounds.technical.id, [other.team.interviewers[0]], future);
    await scheduleInterview(t, recruiter, scene.applicationId, technical.id, [alice], future);
    // Another organization cannot use the check to probe ours: its application is not found before anything is compared.
    const stranger = await signupOrganization(t);
    await t.http
      .post(`/v1/applications/${scene.applicationId}/interviews`)
      .set(stranger.auth)
      .send({ roundId: technical.id, interviewerIds: [alice.memberId], ...future })
      .expect(404);
  });
});

const fields = (res: { body: { errors?: { field: string }[] } }) => [...new Set((res.body.errors ?? []).map((e) => e.field))];
