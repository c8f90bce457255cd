import pino, { type Logger } from 'pino';

export type { Logger };

/** The process logger: JSON lines, level from LOG_LEVEL. Tests pass `silentLogger`. */
export function createLogger(name: string, level = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({ name, level });
}

export const silentLogger: Logger = pino({ level: 'silent' });
