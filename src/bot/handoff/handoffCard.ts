import {
  contactFacts,
  describeConsent,
  describeReason,
  summaryFacts,
  type HandoffRecord,
  type SummaryFact,
  type TranscriptEntry,
} from '../../handoff/record';
import { speakerLabel } from '../../handoff/transcriptText';
import { HANDOFF_ACCEPT_ACTION, type AcceptCaseData } from './acceptCaseAction';

/** The Adaptive Card elements this card uses (schema 1.5, the highest Teams renders). */
type CardElement =
  | { type: 'TextBlock'; text: string; wrap: true; weight?: 'Bolder'; size?: 'Medium'; isSubtle?: true; color?: 'Attention'; spacing?: 'None' | 'Medium' }
  | { type: 'FactSet'; facts: Array<{ title: string; value: string }> }
  | { type: 'RichTextBlock'; inlines: Array<{ type: 'TextRun'; text: string; weight?: 'Bolder' }>; separator?: true };

type CardAction =
  | { type: 'Action.ShowCard'; title: string; card: { type: 'AdaptiveCard'; body: CardElement[] } }
  | { type: 'Action.Submit'; title: string; style?: 'positive'; data: AcceptCaseData };

/** An Adaptive Card as sent to Teams. */
export interface HandoffCard {
  type: 'AdaptiveCard';
  $schema: string;
  version: '1.5';
  body: CardElement[];
  actions: CardAction[];
}

/** Limits that keep the card under Teams' message size limit (about 28 KB). */
export interface HandoffCardLimits {
  /** Characters of conversation shown; the latest messages are kept. Default 8,000. */
  maxTranscriptChars?: number;
  /** Characters of one summary answer. Default 600. */
  maxFactChars?: number;
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function factSet(facts: SummaryFact[], maxChars: number): CardElement {
  return { type: 'FactSet', facts: facts.map((fact) => ({ title: fact.label, value: clip(fact.value, maxChars) })) };
}

/** The latest messages that fit in `maxChars`, and how many earlier ones were left out. */
function latestMessages(transcript: readonly TranscriptEntry[], maxChars: number): { shown: TranscriptEntry[]; omitted: number } {
  const shown: TranscriptEntry[] = [];
  let used = 0;
  for (let index = transcript.length - 1; index >= 0; index -= 1) {
    const entry = transcript[index] as TranscriptEntry;
    if (used + entry.text.length > maxChars && shown.length > 0) break;
    shown.unshift(entry.text.length > maxChars ? { ...entry, text: clip(entry.text, maxChars) } : entry);
    used += Math.min(entry.text.length, maxChars);
  }
  return { shown, omitted: transcript.length - shown.length };
}

// TextRun shows text as it is (no markdown), so a parent's message cannot turn into links or formatting.
function messageBlock(entry: TranscriptEntry): CardElement {
  return {
    type: 'RichTextBlock',
    separator: true,
    inlines: [
      { type: 'TextRun', text: `${speakerLabel(entry.from)} (${entry.timestamp}): `, weight: 'Bolder' },
      { type: 'TextRun', text: entry.text },
    ],
  };
}

function transcriptBody(record: HandoffRecord, maxChars: number): CardElement[] {
  const { shown, omitted } = latestMessages(record.transcript, maxChars);
  const body = shown.map(messageBlock);
  if (omitted > 0) {
    body.unshift({ type: 'TextBlock', wrap: true, isSubtle: true, text: `${omitted} earlier message(s) not shown here; the full conversation is in the hand-off record.` });
  }
  if (body.length === 0) body.push({ type: 'TextBlock', wrap: true, isSubtle: true, text: 'No messages.' });
  return body;
}

/**
 * The advisers' card for one hand-off: the case as facts, contact details, consent, the
 * conversation behind "Show conversation" and an "Accept case" button.
 */
export function buildHandoffCard(record: HandoffRecord, limits: HandoffCardLimits = {}): HandoffCard {
  const maxFact = limits.maxFactChars ?? 600;
  const urgent = record.summary.reason === 'crisis';
  const title = urgent ? 'URGENT hand-off: possible crisis or safeguarding concern' : `New hand-off: ${describeReason(record.summary.reason)}`;
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body: [
      { type: 'TextBlock', text: title, wrap: true, weight: 'Bolder', size: 'Medium', ...(urgent ? { color: 'Attention' as const } : {}) },
      { type: 'TextBlock', text: `${record.area} · ${record.createdAt} · ref ${record.id}`, wrap: true, isSubtle: true, spacing: 'None' },
      factSet(summaryFacts(record), maxFact),
      { type: 'TextBlock', text: 'Contact details', wrap: true, weight: 'Bolder', spacing: 'Medium' },
      factSet(contactFacts(record), maxFact),
      { type: 'TextBlock', text: describeConsent(record.consent), wrap: true, isSubtle: true },
    ],
    actions: [
      {
        type: 'Action.ShowCard',
        title: `Show conversation (${record.transcript.length} messages)`,
        card: { type: 'AdaptiveCard', body: transcriptBody(record, limits.maxTranscriptChars ?? 8_000) },
      },
      { type: 'Action.Submit', title: 'Accept case', style: 'positive', data: { action: HANDOFF_ACCEPT_ACTION, id: record.id } },
    ],
  };
}
