import type Mail from 'nodemailer/lib/mailer';
import { renderSummaryText, type HandoffReason, type HandoffRecord } from '../record';
import { renderTranscriptText } from '../transcriptText';

/** Addressing of hand-off emails. */
export interface HandoffEmailAddressing {
  /** HANDOFF_EMAIL_TO: one or more adviser addresses. */
  to: string | readonly string[];
  /** HANDOFF_EMAIL_FROM. */
  from: string;
  /** Right-hand side of the Message-ID; default the `from` address's domain. */
  messageIdDomain?: string;
  /** Start of every subject. Default `[SEND hand-off]`. */
  subjectPrefix?: string;
}

const SUBJECT_REASON: Record<HandoffReason, string> = {
  crisis: 'URGENT: possible crisis',
  asked: 'parent asked for an adviser',
  'second-fallback': 'bot could not answer',
  'concern-walkthrough': 'concern raised',
};

/** Message-ID of a record's email: the same on every retry, so a repeat is recognisable. */
export function handoffMessageId(id: string, domain: string): string {
  return `<handoff.${id}@${domain}>`;
}

/** Domain part of an address such as `Bot <bot@example.org>`, if any. */
export function domainOf(address: string): string | undefined {
  return /@([A-Za-z0-9.-]+)>?\s*$/.exec(address)?.[1];
}

/** File names of the attachments. */
export function attachmentNames(id: string): { transcript: string; record: string } {
  return { transcript: `handoff-${id}-conversation.txt`, record: `handoff-${id}.json` };
}

/**
 * The email for one hand-off: plain-text summary in the body, the conversation as a .txt and
 * the whole record as .json. The subject holds the area, reason and id, never personal data.
 */
export function buildHandoffEmail(record: HandoffRecord, addressing: HandoffEmailAddressing): Mail.Options {
  const names = attachmentNames(record.id);
  const domain = addressing.messageIdDomain ?? domainOf(addressing.from) ?? 'handoff.invalid';
  const prefix = addressing.subjectPrefix ?? '[SEND hand-off]';
  const urgent = record.summary.reason === 'crisis';
  const body = [
    renderSummaryText(record),
    `The conversation is attached as ${names.transcript} and the complete record as ${names.record}.`,
    '',
  ].join('\n');
  return {
    from: addressing.from,
    to: typeof addressing.to === 'string' ? addressing.to : [...addressing.to],
    subject: `${prefix} ${record.area}: ${SUBJECT_REASON[record.summary.reason]} (${record.id})`,
    messageId: handoffMessageId(record.id, domain),
    headers: { 'X-Handoff-Id': record.id },
    ...(urgent ? { priority: 'high' as const } : {}),
    text: body,
    // Attachments are built in memory; never let message content make nodemailer read files or URLs.
    disableFileAccess: true,
    disableUrlAccess: true,
    attachments: [
      { filename: names.transcript, content: renderTranscriptText(record), contentType: 'text/plain; charset=utf-8' },
      { filename: names.record, content: JSON.stringify(record, null, 2), contentType: 'application/json; charset=utf-8' },
    ],
  };
}
