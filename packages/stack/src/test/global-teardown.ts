import { rmSync } from 'node:fs';

export default async function globalTeardown(): Promise<void> {
  const postgres = globalThis.thiduaTestPostgres;
  if (!postgres) return;
  globalThis.thiduaTestPostgres = undefined;
  await postgres.server.stop();
  rmSync(postgres.dir, { recursive: true, force: true });
}
