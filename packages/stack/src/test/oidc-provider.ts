/**
 * A real OpenID Connect provider for the single sign-on tests (the
 * oidc-provider package, with its development login and consent pages),
 * as its own process: it is ESM-only, and Jest's sandbox cannot import it.
 *
 *   node oidc-provider.js <port> <redirect uri> <client secret>
 *
 * PEOPLE (JSON: login → claims) are the accounts it knows; any password is
 * accepted. Prints "ready" once it listens.
 */
async function main(): Promise<void> {
  const [port, redirectUri, clientSecret] = process.argv.slice(2);
  const people = JSON.parse(process.env.PEOPLE ?? '{}') as Record<string, Record<string, string>>;
  const moduleName = 'oidc-provider';
  const { default: Provider } = (await import(moduleName)) as { default: any };
  const provider = new Provider(`http://127.0.0.1:${port}`, {
    clients: [
      {
        client_id: 'thidua',
        client_secret: clientSecret,
        redirect_uris: [redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    claims: {
      openid: ['sub'],
      profile: ['name', 'preferred_username', 'thidua_role', 'thidua_province'],
      email: ['email'],
    },
    findAccount: async (_ctx: unknown, id: string) => ({
      accountId: id,
      claims: async () => ({ sub: id, preferred_username: id, ...people[id] }),
    }),
    cookies: { keys: ['oidc-test-cookie-key-0123456789'] },
  });
  provider.on('server_error', (_ctx: unknown, error: Error) => process.stderr.write(`${error.stack}\n`));
  const server = provider.listen(Number(port), '127.0.0.1', () => process.stdout.write('ready\n'));
  process.on('SIGTERM', () => server.close(() => process.exit(0)));
}

main().catch((error: Error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
