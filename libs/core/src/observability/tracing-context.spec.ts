import { propagation, trace } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { inJobSpan } from './tracing-context';

describe('inJobSpan', () => {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  beforeAll(() => {
    trace.setGlobalTracerProvider(provider);
    propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  });
  afterAll(async () => {
    await provider.shutdown();
    trace.disable();
    propagation.disable();
  });
  beforeEach(() => exporter.reset());

  const request = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
  const other = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

  it("continues the writing request's trace", async () => {
    const traceId = await inJobSpan(request, 'panel-aggregation aggregate-panel', {}, async (id) => id);
    const [span] = exporter.getFinishedSpans();
    expect(traceId).toBe('0af7651916cd43dd8448eb211c80319c');
    expect(span.spanContext().traceId).toBe(traceId);
    expect(span.parentSpanContext?.spanId).toBe('b7ad6b7169203331');
    expect(span.links).toEqual([]);
  });

  it("a job carrying out several requests starts its own trace and links each request's span (malformed ones left out)", async () => {
    const traceId = await inJobSpan(undefined, 'panel-aggregation aggregate-panels', {}, async (id) => id, [request, other, 'not-a-traceparent']);
    const [span] = exporter.getFinishedSpans();
    expect(traceId).not.toBe('0af7651916cd43dd8448eb211c80319c');
    expect(span.parentSpanContext).toBeUndefined();
    expect(span.links.map((link) => [link.context.traceId, link.context.spanId])).toEqual([
      ['0af7651916cd43dd8448eb211c80319c', 'b7ad6b7169203331'],
      ['4bf92f3577b34da6a3ce929d0e0e4736', '00f067aa0ba902b7'],
    ]);
  });
});
