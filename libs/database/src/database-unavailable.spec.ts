import { QueryFailedError, QueryRunnerAlreadyReleasedError, QueryRunnerProviderAlreadyReleasedError } from 'typeorm';
import { isDatabaseUnavailable } from './pg-errors';

describe('isDatabaseUnavailable', () => {
  const connectionError = (code: string, message = 'boom') => Object.assign(new Error(message), { code });
  const queryFailed = (code: string) => new QueryFailedError('SELECT 1', [], Object.assign(new Error('query failed'), { code }));

  it.each([
    ['connection refused', connectionError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432')],
    ['session terminated by a fast shutdown', queryFailed('57P01')],
    ['server starting up', queryFailed('57P03')],
    ['pool timeout', new Error('timeout exceeded when trying to connect')],
    ['connection lost mid-query', new Error('Connection terminated unexpectedly')],
    // The server closed a transaction's connection between two of its queries.
    ['query runner released with its connection', new QueryRunnerAlreadyReleasedError()],
    ['manager of a released query runner', new QueryRunnerProviderAlreadyReleasedError()],
  ])('%s → unavailable', (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ['unique violation', queryFailed('23505')],
    ['syntax error', queryFailed('42601')],
    ['plain error', new Error('Cannot read properties of undefined')],
    ['not an error', 'QueryRunnerAlreadyReleasedError'],
    ['nothing', undefined],
  ])('%s → not unavailable', (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});
