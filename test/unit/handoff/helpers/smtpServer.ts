import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** A reply the test server gives instead of accepting a message. */
export interface SmtpRefusal {
  code: number;
  message: string;
}

/** A real SMTP server on a free loopback port. */
export interface TestSmtpServer {
  port: number;
  url: string;
  /** Raw messages accepted, in order. */
  accepted: string[];
  /** Raw messages received (accepted or refused). */
  received: string[];
  close(): Promise<void>;
}

/**
 * Starts an SMTP server without TLS or auth on 127.0.0.1. `refuse` may turn a received message
 * into an SMTP error (e.g. 451 then accept, to test retries).
 */
export async function startSmtpServer(refuse?: (raw: string, index: number) => SmtpRefusal | undefined): Promise<TestSmtpServer> {
  const accepted: string[] = [];
  const received: string[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        received.push(raw);
        const refusal = refuse?.(raw, received.length - 1);
        if (refusal) {
          callback(Object.assign(new Error(refusal.message), { responseCode: refusal.code }));
          return;
        }
        accepted.push(raw);
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    accepted,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
