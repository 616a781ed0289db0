import type { HandoffRecord, TranscriptEntry } from './record';

const SPEAKER: Record<TranscriptEntry['from'], string> = { parent: 'Parent', bot: 'Bot' };

/**
 * The conversation as plain text, one message per paragraph, in order; used for the email
 * attachment. Contains the parent's words: never log it.
 */
export function renderTranscriptText(record: HandoffRecord): string {
  const header = [`Conversation for hand-off ${record.id}`, `Area: ${record.area}`, ''];
  const messages = record.transcript.map((entry) => `[${entry.timestamp}] ${SPEAKER[entry.from]}:\n${entry.text}\n`);
  if (messages.length === 0) messages.push('(no messages)\n');
  return `${header.join('\n')}\n${messages.join('\n')}`;
}

/** Display name of who wrote a transcript message. */
export function speakerLabel(from: TranscriptEntry['from']): string {
  return SPEAKER[from];
}
