import nodemailer from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer';
import SMTPTransport from 'nodemailer/lib/smtp-transport';
import { DeliveryRejectedError, HandoffConfigError, HandoffDeliveryError } from '../errors';
import type { HandoffRecord } from '../record';
import type { HandoffSink } from '../sink';
import { buildHandoffEmail, type HandoffEmailAddressing } from './emailMessage';
import { isLoopbackHost } from './httpResponse';

/** Options of {@link EmailSink}. */
export interface EmailSinkOptions extends HandoffEmailAddressing {
  /** SMTP_URL, e.g. `smtps://user:pass@smtp.example.org:465` or `smtp://relay:587`. */
  smtpUrl: string;
  /** Sink name in the outbox. Default `email`. */
  name?: string;
  /** Connection, greeting and socket timeout. Default 30 s. */
  timeoutMs?: number;
  /**
   * Refuse to send unless the connection is encrypted (STARTTLS on smtp://). Default true except
   * for loopback relays; the email carries personal data.
   */
  requireTls?: boolean;
  /** For tests: a ready transport instead of one built from `smtpUrl`. */
  transport?: Pick<Mail, 'sendMail'>;
}

// SMTP 5xx replies and authentication failures will not go away by retrying soon.
const PERMANENT_CODES = new Set(['EAUTH']);

/**
 * Emails each hand-off to the advisers over SMTP. The Message-ID is derived from the record id
 * so a retried email is recognisable as the same hand-off.
 */
export class EmailSink implements HandoffSink {
  readonly name: string;
  private readonly transport: Pick<Mail, 'sendMail'>;
  private readonly addressing: HandoffEmailAddressing;

  constructor(options: EmailSinkOptions) {
    this.name = options.name ?? 'email';
    const to = typeof options.to === 'string' ? [options.to] : options.to;
    if (to.length === 0 || to.some((address) => address.trim() === '') || options.from.trim() === '') {
      throw new HandoffConfigError('[handoff]: email sink needs from and to addresses');
    }
    this.addressing = {
      to: options.to,
      from: options.from,
      messageIdDomain: options.messageIdDomain,
      subjectPrefix: options.subjectPrefix,
    };
    this.transport = options.transport ?? createSmtpTransport(options);
  }

  /** @throws DeliveryRejectedError on SMTP 5xx or failed authentication; HandoffDeliveryError otherwise */
  async deliver(record: HandoffRecord): Promise<void> {
    try {
      await this.transport.sendMail(buildHandoffEmail(record, this.addressing));
    } catch (error) {
      throw smtpFailure(this.name, error);
    }
  }
}

/**
 * SMTP transport settings from the sink options: timeouts, and STARTTLS required unless the URL
 * is smtps:// (TLS from the start) or the relay is on loopback.
 * @throws HandoffConfigError when the URL is not smtp:// or smtps://
 */
export function smtpTransportOptions(options: Pick<EmailSinkOptions, 'smtpUrl' | 'timeoutMs' | 'requireTls'>): SMTPTransport.Options {
  let url: URL;
  try {
    url = new URL(options.smtpUrl);
  } catch {
    throw new HandoffConfigError('[handoff]: SMTP url is not a valid URL');
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
    throw new HandoffConfigError('[handoff]: SMTP url must start with smtp:// or smtps://');
  }
  const timeoutMs = options.timeoutMs ?? 30_000;
  const implicitTls = url.protocol === 'smtps:';
  const requireTls = options.requireTls ?? !isLoopbackHost(url.hostname);
  return {
    url: options.smtpUrl,
    requireTLS: requireTls && !implicitTls,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  };
}

function createSmtpTransport(options: EmailSinkOptions): Mail {
  // Not createTransport({ url, ... }): given a url there, nodemailer ignores every other option.
  // SMTPTransport merges them (settings in the URL win).
  return nodemailer.createTransport(new SMTPTransport(smtpTransportOptions(options)));
}

function smtpFailure(sink: string, error: unknown): HandoffDeliveryError {
  const details = error as { code?: unknown; responseCode?: unknown };
  const code = typeof details.code === 'string' ? details.code : 'unknown';
  const responseCode = typeof details.responseCode === 'number' ? details.responseCode : undefined;
  // The server's reply text can quote addresses; keep the codes only.
  const message = `SMTP send failed (${code}${responseCode !== undefined ? ` ${responseCode}` : ''})`;
  const permanent = (responseCode !== undefined && responseCode >= 500) || PERMANENT_CODES.has(code);
  return permanent
    ? new DeliveryRejectedError(sink, message, { cause: error })
    : new HandoffDeliveryError(sink, message, { cause: error });
}
