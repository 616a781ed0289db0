import type { Logger } from 'pino';
import type { Server } from 'restify';
import { LocalDirectLine } from './directLine';

/** Adds the local Direct Line, talking to this same server's /api/messages over loopback. */
export function mountDirectLine(server: Server, logger: Logger, port: () => number): LocalDirectLine {
  const directLine = new LocalDirectLine({
    logger,
    botEndpoint: () => `http://127.0.0.1:${port()}/api/messages`,
    serviceUrl: () => `http://127.0.0.1:${port()}/directline`,
  });
  directLine.mount(server);
  return directLine;
}
