import pino, { type Logger } from 'pino';

/** A pino logger that keeps every line, to assert what was (not) logged. */
export function captureLogger(): { logger: Logger; text: () => string; entries: () => Array<Record<string, unknown>> } {
  const lines: string[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => void lines.push(line) });
  return {
    logger,
    text: () => lines.join(''),
    entries: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

/** A logger that drops everything. */
export const silentLogger: Logger = pino({ level: 'silent' });
