import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { EnvironmentVariables, validateEnvironment } from '@hireloop/config';
import { redactUrlSecrets, SECRET_QUERY_PARAMETERS } from './url-secrets';

/** Tracing is on when an OTLP endpoint is configured (the standard OTEL_* variables) and the SDK is not disabled. */
export function tracingEnabled(
  env: Pick<EnvironmentVariables, 'OTEL_EXPORTER_OTLP_ENDPOINT' | 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT' | 'OTEL_SDK_DISABLED'>,
): boolean {
  return !env.OTEL_SDK_DISABLED && !!(env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);
}

/**
 * Starts OpenTelemetry (HTTP and PostgreSQL instrumentation, OTLP exporter configured by the standard OTEL_*
 * variables: endpoint, protocol, headers, sampler, batch delays…). Must run before `pg` and `http` are loaded: each
 * main.ts imports its `tracing.ts` first. Off (returns undefined) when no OTLP endpoint is set.
 */
export function startTracing(defaultServiceName: string): NodeSDK | undefined {
  let env: EnvironmentVariables;
  try {
    env = validateEnvironment(process.env as Record<string, unknown>);
  } catch {
    return undefined; // main.ts reports the configuration error
  }
  if (!tracingEnabled(env)) return undefined;
  const sdk = new NodeSDK({
    serviceName: env.OTEL_SERVICE_NAME ?? defaultServiceName,
    instrumentations: [
      new HttpInstrumentation({
        // Probes and scrapes are not traced; outgoing calls to the collector itself never are.
        ignoreIncomingRequestHook: (request) => /^\/(health|metrics)/.test(request.url ?? ''),
        // Capability tokens never reach a trace: not in an incoming path or query, nor in the URL of an outgoing call
        // (a webhook URL may itself be a secret, e.g. Slack's), which keeps its origin only.
        startIncomingSpanHook: (request) => ({ 'url.path': redactUrlSecrets((request.url ?? '/').split('?')[0]) }),
        redactedQueryParamsServer: SECRET_QUERY_PARAMETERS,
        startOutgoingSpanHook: (request) => ({ 'url.full': outgoingOrigin(request) }),
      }),
      new PgInstrumentation({ requireParentSpan: true }),
    ],
  });
  sdk.start();
  const flush = () => void sdk.shutdown().catch(() => undefined);
  process.once('beforeExit', flush);
  return sdk;
}

/** The origin an outgoing HTTP request goes to, without its path and query. */
export function outgoingOrigin(request: {
  protocol?: string | null;
  hostname?: string | null;
  host?: string | null;
  port?: string | number | null;
}): string {
  const host = request.hostname ?? request.host ?? 'localhost';
  return `${request.protocol ?? 'http:'}//${host}${request.port ? `:${request.port}` : ''}`;
}
