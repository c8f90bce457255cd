import { GraphQLError } from 'graphql';
import { interpretReply } from '../subgraph-source.js';

const json = 'application/json; charset=utf-8';

/** The error interpretReply throws, as the client will see its code and message. */
function thrown(reply: Parameters<typeof interpretReply>[1]): { code: unknown; message: string; serviceName: unknown } {
  try {
    interpretReply('metrics', reply);
  } catch (error) {
    expect(error).toBeInstanceOf(GraphQLError);
    const { extensions, message } = error as GraphQLError;
    return { code: extensions.code, message, serviceName: extensions.serviceName };
  }
  throw new Error('interpretReply did not throw');
}

describe('what a subgraph answer means for the client', () => {
  test('a 200 GraphQL answer passes through, errors and all', () => {
    const body = { data: { a: 1 }, errors: [{ message: 'nope', extensions: { code: 'FORBIDDEN' } }] };
    expect(interpretReply('metrics', { status: 200, contentType: json, text: JSON.stringify(body) })).toEqual(body);
  });

  test.each([
    ['BAD_USER_INPUT', 'Variable "$asOf" got invalid value "not-a-date"'],
    ['UNAUTHENTICATED', 'Authorization rejected: the token has expired'],
    ['FORBIDDEN', 'defineIndex needs the role admin or ministry'],
    ['GRAPHQL_VALIDATION_FAILED', 'Expected value of type "Date", found "x"'],
  ])('a 4xx with a GraphQL error %s reaches the client with its code and message', (code, message) => {
    const body = { errors: [{ message, extensions: { code } }] };
    expect(interpretReply('metrics', { status: 400, contentType: json, text: JSON.stringify(body) })).toEqual(body);
  });

  test.each([
    [401, 'UNAUTHENTICATED'],
    [403, 'FORBIDDEN'],
    [413, 'BAD_REQUEST'],
  ])('a %d without GraphQL errors is %s, naming the subgraph', (status, code) => {
    expect(thrown({ status, contentType: 'text/html', text: '<html>refused</html>' })).toEqual({
      code,
      message: `The metrics service refused the request (HTTP ${status})`,
      serviceName: 'metrics',
    });
  });

  test.each([500, 502, 503])('a %d is SERVICE_UNAVAILABLE even with a GraphQL body', (status) => {
    const body = { errors: [{ message: 'database down', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] };
    const error = thrown({ status, contentType: json, text: JSON.stringify(body) });
    expect(error.code).toBe('SERVICE_UNAVAILABLE');
    expect(error.serviceName).toBe('metrics');
    expect(error.message).toMatch(/^The metrics service is unavailable/);
  });

  test('a 200 that is not a GraphQL object is SERVICE_UNAVAILABLE', () => {
    expect(thrown({ status: 200, contentType: 'text/plain', text: 'ok' }).code).toBe('SERVICE_UNAVAILABLE');
    expect(thrown({ status: 200, contentType: json, text: '[1]' }).code).toBe('SERVICE_UNAVAILABLE');
  });
});
