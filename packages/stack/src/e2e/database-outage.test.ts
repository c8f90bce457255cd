import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { silentLogger } from '@thidua/kit';
import { freePort, postGraphQL, testAuth, testToken, uniquePrefix } from '@thidua/kit/testing';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../embedded-postgres.js';
import { startStack, type Stack } from '../stack.js';
import { errorCodes, graphql } from '../test/harness.js';

/*
 * The stack on a Postgres of its own, which the test stops and starts again:
 * while the database is down every request that needs it is SERVICE_UNAVAILABLE
 * naming the service (never INTERNAL_SERVER_ERROR), nothing is half-stored, and
 * once it is back the services answer again by themselves.
 */
let dir: string;
let port: number;
let postgres: EmbeddedPostgres | undefined;
let stack: Stack;

const startPostgres = () =>
  startEmbeddedPostgres({ dataDir: path.join(dir, 'pg'), port, logger: silentLogger }).then((p) => (postgres = p));

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'thidua-outage-'));
  chmodSync(dir, 0o755); // as root, Postgres runs as the postgres user
  port = await freePort();
  await startPostgres();
  stack = await startStack({
    databaseUrl: postgres!.url,
    databasePrefix: uniquePrefix(),
    auth: testAuth,
    logger: silentLogger,
    host: '127.0.0.1',
  });
}, 120_000);

afterAll(async () => {
  await stack?.stop();
  await postgres?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const RecordFigure = graphql(`
  mutation RecordFigure($value: Float!) {
    recordObservations(input: [{ provinceId: "ha-nam", indicator: "dti.cyber_security", year: 2021, value: $value }]) {
      value
    }
  }
`);
// Each read differs from the others, so none is answered from the gateway's response cache.
const Figure = graphql(`
  query Figure($year: Int!) {
    observations(provinceId: "ha-nam", indicator: "dti.cyber_security", year: $year) {
      value
      revision
    }
  }
`);

test('with Postgres down, reads and writes are SERVICE_UNAVAILABLE naming the service; once it is back they work again', async () => {
  const url = stack.gateway.url;
  const token = await testToken('ministry');
  expect((await postGraphQL(url, RecordFigure, { variables: { value: 0.61 }, token })).errors).toBeUndefined();

  await postgres!.stop();
  postgres = undefined;
  const write = await postGraphQL(url, RecordFigure, { variables: { value: 0.99 }, token });
  expect(errorCodes(write)).toEqual(['SERVICE_UNAVAILABLE']);
  expect(write.errors![0].message).toBe(
    'The metrics service cannot reach its database; nothing was stored. Try again shortly.',
  );
  const read = await postGraphQL(url, Figure, { variables: { year: 2021 } });
  expect(errorCodes(read)).toEqual(['SERVICE_UNAVAILABLE']);
  const provinces = await postGraphQL(url, '{ clusters { id } }');
  expect(errorCodes(provinces)).toEqual(['SERVICE_UNAVAILABLE']);
  expect(provinces.errors![0].message).toMatch(/^The provinces service cannot reach its database/);
  expect(JSON.stringify([write, read, provinces])).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|5432|at .*\.js/);

  await startPostgres();
  const deadline = Date.now() + 30_000;
  let after = await postGraphQL(url, Figure, { variables: { year: 2021 } });
  // The gateway never keeps an answer with errors: each try reaches the subgraphs.
  while (after.errors && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    after = await postGraphQL(url, Figure, { variables: { year: 2021 } });
  }
  // The write refused during the outage stored nothing: the figure is the one from before, at its first revision.
  expect(after).toEqual({ data: { observations: [{ value: 0.61, revision: 1 }] } });
}, 120_000);
