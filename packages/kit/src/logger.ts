import pino, { type Logger } from 'pino';

export type { Logger };

export interface LoggerOptions {
  /** Default LOG_LEVEL, else info. */
  level?: string;
  /**
   * Writes each line before the call returns (default: buffered, written
   * asynchronously). For a program that writes other text to stdout too, so
   * that text never overtakes the log lines logged before it.
   */
  sync?: boolean;
}

/** The process logger: JSON lines on stdout. Tests pass `silentLogger`. */
export function createLogger(name: string, options: LoggerOptions = {}): Logger {
  const level = options.level ?? process.env.LOG_LEVEL ?? 'info';
  return options.sync ? pino({ name, level }, pino.destination({ dest: 1, sync: true })) : pino({ name, level });
}

export const silentLogger: Logger = pino({ level: 'silent' });
