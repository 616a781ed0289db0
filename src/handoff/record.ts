import { randomUUID } from 'node:crypto';
import { z } from 'zod';

/**
 * The hand-off record: one JSON document per hand-off, whatever the delivery (see
 * /work/shared/spec/interfaces.md). Kept free of any Bot Framework import so delivery code
 * stays SDK-independent.
 *
 * The schema has no transforms or defaults, so what the dialog builds is exactly what is
 * stored and delivered (a retried delivery sends the same body).
 */

const isoTimestamp = z.iso.datetime({ offset: true });
// Generous caps: they only stop runaway documents; a normal conversation is far below them.
const shortText = z.string().max(1_000);
const messageText = z.string().max(20_000);

/** Why the hand-off happened. */
export const handoffReasonSchema = z.enum(['asked', 'second-fallback', 'concern-walkthrough', 'crisis']);
export type HandoffReason = z.infer<typeof handoffReasonSchema>;

export const handoffConsentSchema = z.object({
  agreed: z.boolean(),
  at: isoTimestamp,
  /** Who the parent agreed to share with, in the words shown to them. */
  sharedWith: z.string().min(1).max(500),
  /** What the parent agreed to share (e.g. `summary`, `transcript`, `contact`). */
  scope: z.array(z.string().min(1).max(100)).max(20),
});
export type HandoffConsent = z.infer<typeof handoffConsentSchema>;

/** The case as the bot understood it. Absent fields are questions the parent skipped. */
export const handoffSummarySchema = z.object({
  childAge: shortText.optional(),
  yearGroup: shortText.optional(),
  schoolType: shortText.optional(),
  areaOfNeed: shortText.optional(),
  stepsTaken: z.string().max(5_000).optional(),
  wants: z.string().max(5_000).optional(),
  preferredContact: shortText.optional(),
  contactTime: shortText.optional(),
  reason: handoffReasonSchema,
});
export type HandoffSummary = z.infer<typeof handoffSummarySchema>;

/** Only what the parent chose to give. Not format-checked: a typo must not lose the hand-off. */
export const handoffContactSchema = z.object({
  name: shortText.optional(),
  phone: shortText.optional(),
  email: shortText.optional(),
});
export type HandoffContact = z.infer<typeof handoffContactSchema>;

export const transcriptEntrySchema = z.object({
  from: z.enum(['parent', 'bot']),
  text: messageText,
  timestamp: isoTimestamp,
});
export type TranscriptEntry = z.infer<typeof transcriptEntrySchema>;

/** What is needed to reach the parent's conversation again (a proactive message or hand-off event). */
export const handoffRouteSchema = z.object({
  channelId: z.string().min(1).max(100),
  conversationId: z.string().min(1).max(1_000),
  serviceUrl: z.url({ protocol: /^https?$/ }),
  /** The bot's account id in that conversation; optional because not every channel needs it. */
  botId: z.string().max(500).optional(),
  /** The parent's channel account id (not a contact detail). */
  userId: z.string().max(500).optional(),
  /** Microsoft Entra tenant, needed by Teams for proactive messages. */
  tenantId: z.string().max(100).optional(),
});
export type HandoffRoute = z.infer<typeof handoffRouteSchema>;

export const handoffRecordSchema = z.object({
  id: z.uuid(),
  createdAt: isoTimestamp,
  area: z.string().min(1).max(100),
  consent: handoffConsentSchema,
  summary: handoffSummarySchema,
  contact: handoffContactSchema,
  transcript: z.array(transcriptEntrySchema).max(5_000),
  route: handoffRouteSchema,
});
/** One hand-off, as stored in the outbox and sent to every sink. */
export type HandoffRecord = z.infer<typeof handoffRecordSchema>;

/**
 * A new hand-off id. Create it once, keep it in dialog state and reuse it on retry, so that
 * enqueueing again is a no-op rather than a second hand-off.
 */
export function createHandoffId(): string {
  return randomUUID();
}

/** Shown for questions the parent skipped or details they chose not to give. */
export const NOT_GIVEN = 'not given';

/** One labelled line of the summary, shared by the email text and the Teams card. */
export interface SummaryFact {
  label: string;
  value: string;
}

const REASON_LABELS: Record<HandoffReason, string> = {
  asked: 'the parent asked to talk to a person',
  'second-fallback': 'the bot could not answer twice in a row',
  'concern-walkthrough': 'the parent went through the "raise a concern" steps',
  crisis: 'possible crisis or safeguarding concern',
};

/** Plain-language label for a hand-off reason. */
export function describeReason(reason: HandoffReason): string {
  return REASON_LABELS[reason];
}

function given(value: string | undefined): string {
  const trimmed = value?.trim();
  return trimmed ? trimmed : NOT_GIVEN;
}

/** The case summary as labelled facts, in reading order; skipped answers read "not given". */
export function summaryFacts(record: HandoffRecord): SummaryFact[] {
  const { summary } = record;
  return [
    { label: "Child's age", value: given(summary.childAge) },
    { label: 'Year group', value: given(summary.yearGroup) },
    { label: 'School type', value: given(summary.schoolType) },
    { label: 'Area of need', value: given(summary.areaOfNeed) },
    { label: 'Steps already taken', value: given(summary.stepsTaken) },
    { label: 'What the parent wants', value: given(summary.wants) },
    { label: 'Preferred contact', value: given(summary.preferredContact) },
    { label: 'Best time to contact', value: given(summary.contactTime) },
  ];
}

/** The contact details as labelled facts; details the parent did not give read "not given". */
export function contactFacts(record: HandoffRecord): SummaryFact[] {
  return [
    { label: 'Name', value: given(record.contact.name) },
    { label: 'Phone', value: given(record.contact.phone) },
    { label: 'Email', value: given(record.contact.email) },
  ];
}

/** How the consent reads to a person. */
export function describeConsent(consent: HandoffConsent): string {
  const scope = consent.scope.length > 0 ? consent.scope.join(', ') : NOT_GIVEN;
  const agreed = consent.agreed ? 'agreed' : 'did NOT agree';
  return `The parent ${agreed} at ${consent.at} to share with ${consent.sharedWith} (scope: ${scope}).`;
}

function factLines(facts: SummaryFact[]): string[] {
  return facts.map((fact) => `${fact.label}: ${fact.value}`);
}

/**
 * Plain-text summary of a hand-off for email bodies and other text-only sinks.
 * Contains the parent's answers and contact details: never log it.
 */
export function renderSummaryText(record: HandoffRecord): string {
  const lines = [
    `Hand-off ${record.id}`,
    `Created: ${record.createdAt}`,
    `Area: ${record.area}`,
    `Reason: ${describeReason(record.summary.reason)}`,
    `Consent: ${describeConsent(record.consent)}`,
    '',
    'The case',
    ...factLines(summaryFacts(record)),
    '',
    'Contact details',
    ...factLines(contactFacts(record)),
    '',
    `Conversation: ${record.transcript.length} message(s).`,
  ];
  return `${lines.join('\n')}\n`;
}
