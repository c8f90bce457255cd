import { APPLICATION_JSON, GRAPHQL_RESPONSE_JSON, responseMediaType } from '../graphql-over-http.js';

describe('the media type of a response, by the Accept header', () => {
  test.each([
    [undefined, APPLICATION_JSON],
    ['', APPLICATION_JSON],
    ['*/*', APPLICATION_JSON],
    ['application/*', APPLICATION_JSON],
    ['application/json', APPLICATION_JSON],
    ['application/graphql-response+json', GRAPHQL_RESPONSE_JSON],
    ['application/graphql-response+json, application/json', GRAPHQL_RESPONSE_JSON],
    ['application/json, application/graphql-response+json', APPLICATION_JSON],
    ['application/graphql-response+json;q=0.9, application/json;q=0.8', GRAPHQL_RESPONSE_JSON],
    ['application/json;q=0.5, application/graphql-response+json', GRAPHQL_RESPONSE_JSON],
    ['application/json;q=0, */*', GRAPHQL_RESPONSE_JSON],
    ['text/html', undefined],
  ])('%j answers %s', (accept, expected) => {
    expect(responseMediaType(accept)).toBe(expected);
  });
});
