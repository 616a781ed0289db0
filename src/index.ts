import { ConfigError, loadConfig } from './config/config';
import { ContentLoadError } from './content/loader';
import { formatFault } from './content/check';
import { createLogger } from './logging/logger';
import { buildApp } from './app';

/** Process entry: read config once, build the app, listen, and shut down gracefully on SIGTERM/SIGINT. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  const logger = createLogger({ level: config.LOG_LEVEL, pretty: config.NODE_ENV === 'development' && process.stdout.isTTY === true, logPersonalData: config.LOG_PERSONAL_DATA === 'true' });
  // restify 11 on Node 20 warns DEP0111 (known, harmless); other process warnings go to the log.
  process.removeAllListeners('warning');
  process.on('warning', (w) => {
    if ((w as { code?: string }).code !== 'DEP0111') logger.warn({ warning: w.name, code: (w as { code?: string }).code }, w.message);
  });
  // The SDK writes its own errors with console.error; send them through pino (redacted) instead.
  console.error = (...args: unknown[]) => logger.error({ sdk: args.map((a) => (a instanceof Error ? `${a.name}: ${a.message}` : typeof a === 'string' ? a : '[object]')) }, 'sdk error');
  console.warn = (...args: unknown[]) => logger.warn({ sdk: args.map((a) => (typeof a === 'string' ? a : '[object]')) }, 'sdk warning');

  let app;
  try {
    app = await buildApp(config, logger);
  } catch (err) {
    if (err instanceof ContentLoadError) {
      logger.fatal({ faults: err.faults.slice(0, 20).map(formatFault) }, 'content has faults; run npm run content:check');
      process.exit(1);
    }
    throw err;
  }
  const port = await app.listen(config.PORT);
  const where = `http://localhost:${port}`;
  logger.info({ port, localMode: config.localMode, storage: config.STORAGE }, config.localMode ? `bot ready: open ${where}/ to chat; Bot Framework endpoint ${where}/api/messages` : `bot ready on port ${port}`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing turns in flight and flushing hand-offs');
    const timer = setTimeout(() => {
      logger.error('shutdown took too long; exiting');
      process.exit(1);
    }, 20_000);
    timer.unref();
    await app.close();
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((err: unknown) => {
  process.stderr.write(`The bot could not start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
