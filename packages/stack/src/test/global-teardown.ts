import { rmSync } from 'node:fs';

export default async function globalTeardown(): Promise<void> {
  const postgres = globalThis.thiduaTestPostgres;
  if (!postgres) return;
  await postgres.server.stop();
  rmSync(postgres.dir, { recursive: true, force: true });
}
