import { createServer, Server } from 'node:http';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { ALL_ENTITIES } from '@hireloop/core';
import { buildDataSourceOptions } from '@hireloop/database';
import { completeScorecard, createHiringScene, scheduleInterview, TestApp } from '@hireloop/testing';
import { ApiProcess, startApi } from '@hireloop/testing/api-process';
import { waitFor } from '@hireloop/testing/panel-fixture';
import { freePort, startWorker, stopAllProcesses, WorkerProcess } from '@hireloop/testing/worker-process';

/**
 * OpenTelemetry across the processes: the real API and worker export OTLP/JSON (configured only by the standard
 * OTEL_* variables) to a collector this test runs in memory. One submission's trace holds the HTTP request, its
 * PostgreSQL statements, and — through the outbox row's trace_context and the job data — the worker's aggregation
 * job with its own PostgreSQL statements.
 */
jest.setTimeout(180_000);

/** An attribute of an OTLP/JSON span or resource: one typed value (stringValue, intValue …). */
interface OtlpAttribute {
  key: string;
  value?: { stringValue?: string; [type: string]: unknown };
}

interface Span {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes: Record<string, unknown>;
  service: string;
}

describe('tracing', () => {
  const spans: Span[] = [];
  let collector: Server;
  let api: ApiProcess;
  let worker: WorkerProcess;
  let ds: DataSource;

  beforeAll(async () => {
    const port = await freePort();
    collector = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        if (req.url === '/v1/traces') {
          for (const rs of JSON.parse(body).resourceSpans ?? []) {
            const service = rs.resource?.attributes?.find((a: OtlpAttribute) => a.key === 'service.name')?.value?.stringValue;
            for (const ss of rs.scopeSpans ?? [])
              for (const s of ss.spans ?? [])
                spans.push({
                  traceId: s.traceId,
                  spanId: s.spanId,
                  parentSpanId: s.parentSpanId || undefined,
                  name: s.name,
                  kind: s.kind,
                  service,
                  attributes: Object.fromEntries((s.attributes ?? []).map((a: OtlpAttribute) => [a.key, Object.values(a.value ?? {})[0]])),
                });
          }
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => collector.listen(port, '127.0.0.1', resolve));
    const env = {
      OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}`,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_BSP_SCHEDULE_DELAY: '200',
      OTEL_METRICS_EXPORTER: 'none',
      OTEL_LOGS_EXPORTER: 'none',
    };
    ds = await new DataSource(buildDataSourceOptions({ url: process.env.DATABASE_URL!, entities: ALL_ENTITIES, poolSize: 2 })).initialize();
    [api, worker] = await Promise.all([startApi({ name: 'traced api', env }), startWorker({ name: 'traced worker', env })]);
  }, 180_000);

  afterAll(async () => {
    await api?.stop();
    await worker?.stop();
    await ds?.destroy();
    await stopAllProcesses();
    await new Promise((resolve) => collector?.close(resolve));
  });

  it("one submission's trace contains its PostgreSQL statements and the worker's aggregation job", async () => {
    const t = { http: request(api.url), dataSource: ds } as unknown as TestApp;
    const scene = await createHiringScene(t);
    const round = scene.role.rounds.technical;
    const [alice] = scene.team.interviewers;
    const interviewId = await scheduleInterview(t, scene.team.recruiter, scene.applicationId, round.id, [alice]);
    await t.http.post(`/v1/interviews/${interviewId}/scorecard/submit`).set(alice.auth).send(completeScorecard(round)).expect(200);

    const submit = await waitFor(
      async () =>
        spans.find(
          (s) =>
            s.service === 'hireloop-api' &&
            s.kind === 2 &&
            String(s.attributes['url.path'] ?? s.attributes['http.target'] ?? '').endsWith(`/v1/interviews/${interviewId}/scorecard/submit`),
        ),
      { what: 'the submission request span', timeoutMs: 20_000 },
    );
    const job = await waitFor(
      async () =>
        spans.find((s) => s.traceId === submit.traceId && s.service === 'hireloop-worker' && s.name === 'panel-aggregation aggregate-panel'),
      { what: "the aggregation job span in the submission's trace", timeoutMs: 30_000 },
    );
    expect(job.parentSpanId).toBeDefined();
    const inTrace = () => spans.filter((s) => s.traceId === submit.traceId);
    // The request's statements, including the outbox insert, are its descendants…
    const isPg = (s: Span) => (s.attributes['db.system.name'] ?? s.attributes['db.system']) === 'postgresql';
    expect(
      inTrace().some(
        (s) =>
          s.service === 'hireloop-api' &&
          isPg(s) &&
          /INSERT INTO "outbox_messages"/.test(String(s.attributes['db.query.text'] ?? s.attributes['db.statement'] ?? '')),
      ),
    ).toBe(true);
    // …and the job's statements (reading the state, storing the report) are the job span's children.
    await waitFor(async () => inTrace().some((s) => s.parentSpanId === job.spanId && isPg(s)), {
      what: 'a PostgreSQL span under the job',
      timeoutMs: 20_000,
    });
  });

  it('keeps capability tokens out of the traces and the request log: feed, preferences and SSO callback URLs', async () => {
    const secrets = ['FEEDSECRET1', 'PREFSECRET2', 'CODESECRET3', 'STATESECRET4'];
    await fetch(`${api.url}/v1/calendar-feeds/${secrets[0]}.ics`);
    await fetch(`${api.url}/v1/email-preferences/3f1c2b9e-8a41-4c1e-9f0a-1b2c3d4e5f60.${secrets[1]}`);
    await fetch(`${api.url}/v1/auth/sso/3f1c2b9e-8a41-4c1e-9f0a-1b2c3d4e5f60/callback?code=${secrets[2]}&state=${secrets[3]}`, {
      redirect: 'manual',
    });
    const served = (prefix: string) =>
      spans.find((s) => s.service === 'hireloop-api' && s.kind === 2 && String(s.attributes['url.path']).startsWith(prefix));
    await waitFor(async () => served('/v1/calendar-feeds/') && served('/v1/email-preferences/') && served('/v1/auth/sso/'), {
      what: 'the three request spans',
      timeoutMs: 20_000,
    });
    expect(served('/v1/calendar-feeds/')!.attributes['url.path']).toBe('/v1/calendar-feeds/[redacted]');
    const recorded = JSON.stringify(spans) + api.output();
    for (const secret of secrets) expect(recorded).not.toContain(secret);
  });
});
