import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';

/**
 * Trace context across the outbox: the writing request's W3C `traceparent` is stored with the outbox row, and the
 * job made of it runs in a span whose parent is that request's span. With tracing off (no SDK started) the API is a
 * no-op: nothing is stored and jobs run without spans.
 */
export function currentTraceparent(): string | undefined {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier.traceparent;
}

/**
 * Runs `fn` in a consumer span that continues `traceparent` (or starts a trace), and passes it the trace id. A job
 * carrying out several requests (`links`: their traceparents) starts its own trace and links to each of theirs, as
 * OpenTelemetry's messaging conventions do for a batch.
 */
export function inJobSpan<T>(
  traceparent: string | undefined,
  name: string,
  attributes: Record<string, string>,
  fn: (traceId: string | undefined) => Promise<T>,
  links: readonly string[] = [],
): Promise<T> {
  const parent = traceparent ? propagation.extract(ROOT_CONTEXT, { traceparent }) : ROOT_CONTEXT;
  const spanLinks = links.flatMap((link) => {
    const linked = trace.getSpanContext(propagation.extract(ROOT_CONTEXT, { traceparent: link }));
    return linked && trace.isSpanContextValid(linked) ? [{ context: linked }] : [];
  });
  return trace.getTracer('hireloop').startActiveSpan(name, { kind: SpanKind.CONSUMER, attributes, links: spanLinks }, parent, async (span) => {
    const traceId = span.isRecording() ? span.spanContext().traceId : undefined;
    try {
      return await fn(traceId);
    } catch (error) {
      span.recordException(error as Error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error)?.message });
      throw error;
    } finally {
      span.end();
    }
  });
}
