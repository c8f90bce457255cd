import { GraphQLError } from 'graphql';
import {
  badInput,
  ErrorCode,
  isDatabaseOutage,
  maskError,
  seasonLocked,
  serviceUnavailable,
  stripSuggestions,
} from '../errors.js';

test('bad input names the field and the value', () => {
  const error = badInput('input[2].value', 120, 'is more than 100');
  expect(error.message).toBe('input[2].value: 120 is more than 100');
  expect(error.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'input[2].value', value: 120 });
});

test('errors raised on purpose pass through without a stack trace', () => {
  const formatted = { message: 'x', extensions: { code: 'FORBIDDEN', stacktrace: ['at secret.ts:1'] } };
  expect(maskError(formatted, new GraphQLError('x'))).toEqual({ message: 'x', extensions: { code: 'FORBIDDEN' } });
});

test('anything else becomes INTERNAL_SERVER_ERROR without internals, and is reported', () => {
  const reported: unknown[] = [];
  const original = new Error('relation "secret_table" does not exist');
  const masked = maskError(
    { message: original.message, path: ['a'], extensions: { code: 'INTERNAL_SERVER_ERROR' } },
    original,
    (e) => reported.push(e),
  );
  expect(masked).toEqual({
    message: 'Internal server error',
    path: ['a'],
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  });
  expect(reported).toEqual([original]);
});

test('SERVICE_UNAVAILABLE names the service', () => {
  expect(serviceUnavailable('metrics', 'down').extensions).toEqual({
    code: ErrorCode.SERVICE_UNAVAILABLE,
    serviceName: 'metrics',
  });
});

test('SEASON_LOCKED names the season, who locked it and when, and passes the mask', () => {
  const error = seasonLocked(
    { clusterId: 'cum-3', year: 2024, lockedBy: 'test-ministry', lockedAt: new Date('2024-12-20T03:00:00Z') },
    'recordObservations input[0]',
  );
  expect(error.message).toMatch(/^recordObservations input\[0\] is refused: the season cum-3 2024 was locked by/);
  expect(error.extensions).toEqual({
    code: 'SEASON_LOCKED',
    clusterId: 'cum-3',
    year: 2024,
    lockedBy: 'test-ministry',
    lockedAt: '2024-12-20T03:00:00.000Z',
  });
  const formatted = { message: error.message, extensions: error.extensions };
  expect(maskError(formatted, error).extensions?.code).toBe('SEASON_LOCKED');
});

test.each([
  ['Cannot query field "provincs" on type "Query". Did you mean "province" or "provinces"?'],
  ['Value "ADMN" does not exist in "Role" enum. Did you mean the enum value "ADMIN"?'],
])('SUGGESTIONS=0 takes the hint out of %j', (message) => {
  const stripped = stripSuggestions({ message, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
  expect(stripped.message).not.toMatch(/Did you mean|province"|ADMIN/);
  expect(stripped.message.length).toBeGreaterThan(10);
  expect(stripped.extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED' });
});

test('a value with characters that show nothing is shown with them escaped', () => {
  const error = badInput('name', 'a\u200Bb\u0085', 'must not be empty');
  expect(error.message).toBe('name: "a\\u200Bb\\u0085" must not be empty');
  expect(error.extensions.value).toBe('a\u200Bb\u0085');
});

describe('a database out of reach is SERVICE_UNAVAILABLE naming the service', () => {
  const formatted = { message: 'connect ECONNREFUSED 127.0.0.1:5432', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });

  test.each([
    ['a refused connection', refused],
    ['one refused per address (Node 20 tries IPv4 and IPv6)', Object.assign(new AggregateError([refused], ''), {})],
    ['a connection Postgres dropped', new Error('Connection terminated unexpectedly')],
    ['an administrator shutting Postgres down', Object.assign(new Error('terminating connection'), { code: '57P01' })],
    ['a connection exception', Object.assign(new Error('connection failure'), { code: '08006' })],
    [
      'wrapped by TypeORM and GraphQL',
      new GraphQLError('x', { originalError: Object.assign(new Error('q'), { driverError: refused }) }),
    ],
  ])('%s', (_case, error) => {
    const logged: unknown[] = [];
    expect(maskError(formatted, error, (e) => logged.push(e), 'metrics')).toEqual({
      message: 'The metrics service cannot reach its database; nothing was stored. Try again shortly.',
      extensions: { code: 'SERVICE_UNAVAILABLE', serviceName: 'metrics' },
    });
    expect(logged).toEqual([]);
  });

  test('a query Postgres refused for its content is still internal, and logged', () => {
    const unique = Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505' });
    const logged: unknown[] = [];
    expect(maskError(formatted, unique, (e) => logged.push(e), 'metrics').extensions).toEqual({
      code: 'INTERNAL_SERVER_ERROR',
    });
    expect(logged).toEqual([unique]);
    expect(isDatabaseOutage(unique)).toBe(false);
  });
});
