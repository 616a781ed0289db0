import pino, { Logger } from 'pino';

/** Paths removed from every log line unless personal-data logging is explicitly switched on. */
export const REDACTED_PATHS = [
  'text',
  '*.text',
  'activity.text',
  'activity.from.name',
  'activity.attachments',
  'from.name',
  'name',
  '*.name',
  'email',
  '*.email',
  'phone',
  '*.phone',
  'contact',
  '*.contact',
  'transcript',
  '*.transcript',
  'token',
  '*.token',
  'authorization',
  '*.authorization',
  'headers.authorization',
  'req.headers.authorization',
  'password',
  '*.password',
  'secret',
  '*.secret',
];

export interface LoggerOptions {
  level: string;
  pretty: boolean;
  logPersonalData: boolean;
  /** Where lines go; tests pass a sink to assert on them. */
  destination?: pino.DestinationStream;
}

/** JSON lines in production; readable lines in development. Personal data is redacted by default. */
export function createLogger(options: LoggerOptions): Logger {
  const base: pino.LoggerOptions = {
    level: options.level,
    base: { app: 'send-guide-bot' },
    redact: options.logPersonalData ? [] : { paths: REDACTED_PATHS, censor: '[redacted]' },
  };
  if (options.destination) return pino(base, options.destination);
  if (options.pretty) {
    return pino({ ...base, transport: { target: 'pino-pretty', options: { colorize: true, translateTime: 'HH:MM:ss', ignore: 'pid,hostname,app' } } });
  }
  return pino(base);
}
