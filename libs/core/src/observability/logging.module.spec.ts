import { Writable } from 'node:stream';
import pino from 'pino';
import { runInContext } from './execution-context';
import { loggerOptions, LoggingProcess } from './logging.module';

/** The parts of pino-http's options these tests call, with the request and response shapes they pass. */
interface PinoHttpOptions {
  genReqId: (req: { id?: string }) => string;
  customLogLevel: (req: object, res: { statusCode: number }, err?: Error) => string;
  autoLogging: { ignore: (req: { originalUrl?: string; url?: string }) => boolean };
  [option: string]: unknown;
}

/** A pino logger with the options of a process, writing its JSON lines into an array. */
function loggerFor(process: LoggingProcess) {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString('utf8')));
      done();
    },
  });
  const { pinoHttp } = loggerOptions({ LOG_LEVEL: 'debug' }, process) as { pinoHttp: pino.LoggerOptions };
  const { level, base, redact, mixin } = pinoHttp;
  return { logger: pino({ level, base, redact, mixin }, sink), lines };
}

describe('loggerOptions: one logging set-up for the API and the worker', () => {
  it.each<LoggingProcess>(['api', 'worker'])('%s: names the process, redacts query parameters, driver errors and tokens', (process) => {
    const { logger, lines } = loggerFor(process);
    logger.error(
      {
        err: { message: 'duplicate key', parameters: ['jane@example.test'], driverError: { detail: 'Key (email)=(jane@example.test)' } },
        req: { headers: { authorization: 'Bearer abc' } },
      },
      'query failed',
    );
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      process,
      level: 50,
      msg: 'query failed',
      err: { message: 'duplicate key', parameters: '[redacted]', driverError: '[redacted]' },
      req: { headers: { authorization: '[redacted]' } },
    });
    expect(JSON.stringify(lines[0])).not.toContain('jane@example.test');
  });

  it.each<LoggingProcess>(['api', 'worker'])('%s: a line written inside a job names the job, queue and trace; outside, none', (process) => {
    const { logger, lines } = loggerFor(process);
    runInContext({ jobId: 'aggregate:1', queue: 'panel-aggregation', traceId: '4bf92f3577b34da6a3ce929d0e0e4736' }, () => logger.info('inside'));
    logger.info('outside');
    expect(lines[0]).toMatchObject({ msg: 'inside', jobId: 'aggregate:1', queue: 'panel-aggregation', traceId: '4bf92f3577b34da6a3ce929d0e0e4736' });
    expect(lines[1]).not.toHaveProperty('jobId');
    expect(lines[1]).not.toHaveProperty('queue');
  });

  it('logs HTTP requests in the API only, with the request id Fastify assigned', () => {
    const api = loggerOptions({ LOG_LEVEL: 'info' }, 'api') as { pinoHttp: PinoHttpOptions };
    const worker = loggerOptions({ LOG_LEVEL: 'info' }, 'worker') as { pinoHttp: PinoHttpOptions };
    expect(api.pinoHttp.genReqId({ id: 'req-1' })).toBe('req-1');
    expect(api.pinoHttp.customLogLevel({}, { statusCode: 503 })).toBe('error');
    expect(api.pinoHttp.customLogLevel({}, { statusCode: 404 })).toBe('warn');
    expect(api.pinoHttp.autoLogging.ignore({ originalUrl: '/health/ready' })).toBe(true);
    expect(worker.pinoHttp).not.toHaveProperty('genReqId');
    expect(worker.pinoHttp).not.toHaveProperty('autoLogging');
  });
});
