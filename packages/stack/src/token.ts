import { parseArgs } from 'node:util';
import { ConfigError, parseDuration, readAuthConfig, roles, signToken, type Role } from '@thidua/kit';

const usage = `Prints a token for the thidua API.

  npm run token -- --role <${roles.join('|')}> [--province <id>] [--sub <name>] [--expires <30d>]

A province token needs --province (e.g. vinh-phuc). Signed with AUTH_SECRET
(the development secret when unset). --expires (e.g. 12h, 7d) may not exceed
MAX_TOKEN_LIFETIME (default 30d), which the services enforce too.
A provincial node gets no token: an admin or the Ministry registers it (registerNode).`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      role: { type: 'string' },
      province: { type: 'string' },
      sub: { type: 'string' },
      expires: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    return;
  }
  const role = values.role as Role | undefined;
  if (!role || !roles.includes(role)) throw new ConfigError(`--role must be one of ${roles.join(', ')}\n\n${usage}`);
  if (role === 'province' && !values.province)
    throw new ConfigError(`--province is required for a province token\n\n${usage}`);
  const { authSecret, usingDevelopmentSecret, maxTokenLifetimeSeconds } = readAuthConfig(process.env);
  const maxLifetime = maxTokenLifetimeSeconds!;
  let lifetime = Math.min(30 * 86400, maxLifetime);
  if (values.expires !== undefined) {
    const asked = parseDuration(values.expires);
    if (asked === null) throw new ConfigError(`--expires ${values.expires} is not a duration: use e.g. 12h or 7d`);
    if (asked > maxLifetime) {
      throw new ConfigError(
        `--expires ${values.expires} is longer than MAX_TOKEN_LIFETIME (${maxLifetime} s); tokens that live longer are refused`,
      );
    }
    lifetime = asked;
  }
  const sub = values.sub ?? (role === 'province' ? `${values.province}-officer` : role);
  if (/^(service|node):/.test(sub)) {
    throw new ConfigError(`--sub ${sub}: "service:" and "node:" subjects are reserved; a node is registered instead`);
  }
  if (usingDevelopmentSecret)
    process.stderr.write('note: AUTH_SECRET is not set; signing with the development secret\n');
  process.stdout.write(`${await signToken(authSecret, { sub, role, province: values.province }, `${lifetime}s`)}\n`);
}

main().catch((error: Error) => {
  process.stderr.write(`${error.message}\n`);
  process.exit(2);
});
