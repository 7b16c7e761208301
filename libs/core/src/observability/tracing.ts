import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { EnvironmentVariables, validateEnvironment } from '@hireloop/config';

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
      }),
      new PgInstrumentation({ requireParentSpan: true }),
    ],
  });
  sdk.start();
  const flush = () => void sdk.shutdown().catch(() => undefined);
  process.once('beforeExit', flush);
  return sdk;
}
