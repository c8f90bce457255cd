import type { Role } from '@thidua/kit';
import type { TestStack } from './harness.js';

type Ok = (
  query: string,
  variables?: Record<string, unknown>,
  role?: Role,
  province?: string,
) => Promise<Record<string, any>>;

/** One mutation's write-then-read case of the response-cache test (e2e/response-cache.test.ts). */
export interface WriteCase {
  /** What the read returns; the case passes when it changes from `before` to `after`. */
  read: string;
  /** Writes made before the first read (data the case needs), then the write under test. */
  setup?: () => Promise<Record<string, unknown>>;
  write: (setup: Record<string, unknown>) => Promise<unknown>;
  expectAfter: (after: any, before: any, setup: Record<string, unknown>) => void;
  readVariables?: (setup: Record<string, unknown>) => Record<string, unknown>;
  /** Who reads (default anonymous): the accounts' reads are an admin's. */
  readAs?: Role;
}

/** What the response-cache test lends its account cases. */
export interface CaseDeps {
  t: () => TestStack;
  ok: Ok;
  nominate: (provinceId: string, form: string) => Promise<string>;
  nominationsOf: string;
  nomination: (data: any, id: unknown) => any;
}

/** The accounts' and the vote changes' cases: writes a signed-in person makes. */
export function accountCases(deps: CaseDeps): Record<string, WriteCase> {
  const { ok, nominate, nominationsOf, nomination } = deps;
  const t = deps.t;
  const usersRead = '{ users { id username name updatedAt } }';
  const userOf = (data: any, username: string) => data.users.find((u: { username: string }) => u.username === username);
  const PASSWORD = 'mật-khẩu-bộ-nhớ-đệm-1';
  const createUser = (username: string) =>
    ok(
      `mutation ($input: UserInput!) { createUser(input: $input) { id } }`,
      { input: { username, role: 'VIEWER', password: PASSWORD } },
      'admin',
    ).then((d) => d.createUser.id as string);
  const tokensRead = '{ apiTokens { id name active } }';
  const issueToken = (name: string) =>
    ok(
      `mutation ($name: String!, $at: DateTime!) { issueApiToken(name: $name, role: VIEWER, expiresAt: $at) { token apiToken { id } } }`,
      { name, at: new Date(Date.now() + 86_400_000).toISOString() },
      'admin',
    ).then((d) => d.issueApiToken.apiToken.id as string);
  return {
    createUser: {
      read: usersRead,
      readAs: 'admin',
      write: () => createUser('cache.new'),
      expectAfter: (after) => expect(userOf(after, 'cache.new')).toBeDefined(),
    },
    updateUser: {
      read: usersRead,
      readAs: 'admin',
      setup: async () => ({ id: await createUser('cache.upd') }),
      write: ({ id }) => ok('mutation ($id: ID!) { updateUser(id: $id, name: "Tên mới") { id } }', { id }, 'admin'),
      expectAfter: (after) => expect(userOf(after, 'cache.upd').name).toBe('Tên mới'),
    },
    resetPassword: {
      read: usersRead,
      readAs: 'admin',
      setup: async () => ({ id: await createUser('cache.reset') }),
      write: ({ id }) => ok('mutation ($id: ID!) { resetPassword(id: $id) }', { id }, 'admin'),
      expectAfter: (after, before) =>
        expect(userOf(after, 'cache.reset').updatedAt).not.toBe(userOf(before, 'cache.reset').updatedAt),
    },
    changePassword: {
      read: usersRead,
      readAs: 'admin',
      setup: async () => {
        await createUser('cache.own');
        const signIn = await fetch(`${t().baseUrl}/auth/sign-in`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: 'cache.own', password: PASSWORD }),
        });
        expect(signIn.status).toBe(200);
        return { cookie: /thidua_session=[^;]+/.exec(signIn.headers.get('set-cookie') ?? '')![0] };
      },
      write: async ({ cookie }) => {
        const response = await fetch(t().url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie: cookie as string, 'x-thidua-csrf': '1' },
          body: JSON.stringify({
            query: `mutation { changePassword(current: "${PASSWORD}", next: "mật-khẩu-mới-đủ-dài-2") }`,
          }),
        });
        expect(((await response.json()) as any).data).toEqual({ changePassword: true });
      },
      expectAfter: (after, before) =>
        expect(userOf(after, 'cache.own').updatedAt).not.toBe(userOf(before, 'cache.own').updatedAt),
    },
    issueApiToken: {
      read: tokensRead,
      readAs: 'admin',
      write: () => issueToken('cache issued'),
      expectAfter: (after) => expect(after.apiTokens.map((x: { name: string }) => x.name)).toContain('cache issued'),
    },
    revokeApiToken: {
      read: tokensRead,
      readAs: 'admin',
      setup: async () => ({ id: await issueToken('cache revoked') }),
      write: ({ id }) => ok('mutation ($id: ID!) { revokeApiToken(id: $id) { id } }', { id }, 'admin'),
      expectAfter: (after, _before, { id }) =>
        expect(after.apiTokens.find((x: { id: string }) => x.id === id).active).toBe(false),
    },
    changeVote: {
      read: nominationsOf,
      setup: async () => {
        const id = await nominate('nam-dinh', 'MINISTRY_EMULATION_FLAG');
        await ok(
          `mutation ($id: ID!) { castVote(nominationId: $id, voterProvinceId: "ninh-binh", approve: false) { id } }`,
          { id },
          'province',
          'ninh-binh',
        );
        return { id };
      },
      write: ({ id }) =>
        ok(
          `mutation ($id: ID!) { changeVote(nominationId: $id, voterProvinceId: "ninh-binh", approve: true) { id } }`,
          { id },
          'province',
          'ninh-binh',
        ),
      expectAfter: (after, _before, { id }) => expect(nomination(after, id).votesFor).toBe(1),
    },
  };
}
