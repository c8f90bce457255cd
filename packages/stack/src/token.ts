import { parseArgs } from 'node:util';
import { ConfigError, readAuthConfig, roles, signToken, type Role } from '@thidua/kit';

const usage = `Prints a token for the thidua API.

  npm run token -- --role <${roles.join('|')}> [--province <id>] [--sub <name>] [--expires <30d>]

A province token needs --province (e.g. vinh-phuc). Signed with AUTH_SECRET
(the development secret when unset).`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      role: { type: 'string' },
      province: { type: 'string' },
      sub: { type: 'string' },
      expires: { type: 'string', default: '30d' },
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
  const { authSecret, usingDevelopmentSecret } = readAuthConfig(process.env);
  if (usingDevelopmentSecret)
    process.stderr.write('note: AUTH_SECRET is not set; signing with the development secret\n');
  const sub = values.sub ?? (role === 'province' ? `${values.province}-officer` : role);
  process.stdout.write(`${await signToken(authSecret, { sub, role, province: values.province }, values.expires)}\n`);
}

main().catch((error: Error) => {
  process.stderr.write(`${error.message}\n`);
  process.exit(2);
});
