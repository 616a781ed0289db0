import './helpers/restoreNock';
import { createHandoffId, handoffRecordSchema, renderSummaryText } from '../../../src/handoff/record';
import { renderTranscriptText } from '../../../src/handoff/transcriptText';
import { makeRecord } from './helpers/records';

describe('hand-off record', () => {
  it('accepts a complete record and keeps it unchanged', () => {
    const record = makeRecord();
    expect(handoffRecordSchema.parse(record)).toEqual(record);
  });

  it('rejects a record without a stable uuid or with a bad reason', () => {
    expect(handoffRecordSchema.safeParse(makeRecord({ id: 'handoff-1' })).success).toBe(false);
    const badReason = makeRecord();
    (badReason.summary as { reason: string }).reason = 'bored';
    expect(handoffRecordSchema.safeParse(badReason).success).toBe(false);
  });

  it('accepts a record where the parent skipped every optional question', () => {
    const record = makeRecord({ summary: { reason: 'second-fallback' }, contact: {} });
    expect(handoffRecordSchema.safeParse(record).success).toBe(true);
  });

  it('creates distinct uuids', () => {
    const id = createHandoffId();
    expect(handoffRecordSchema.shape.id.safeParse(id).success).toBe(true);
    expect(createHandoffId()).not.toBe(id);
  });
});

describe('renderSummaryText', () => {
  it('lists the case, consent and contact, showing skipped answers as "not given"', () => {
    const record = makeRecord();
    const text = renderSummaryText(record);
    expect(text).toContain(`Hand-off ${record.id}`);
    expect(text).toContain('Area: lincolnshire');
    expect(text).toContain('Reason: the parent asked to talk to a person');
    expect(text).toContain("Child's age: 7");
    expect(text).toContain('Year group: Year 2');
    expect(text).toContain('Best time to contact: not given');
    expect(text).toContain('Email: not given');
    expect(text).toContain('Phone: 07700 900123');
    expect(text).toContain('to share with the Lincolnshire SENDIASS advice team (scope: summary, transcript, contact)');
  });

  it('treats blank answers as not given', () => {
    const text = renderSummaryText(makeRecord({ summary: { reason: 'asked', childAge: '   ' } }));
    expect(text).toContain("Child's age: not given");
  });
});

describe('renderTranscriptText', () => {
  it('has every message in order with who wrote it', () => {
    const text = renderTranscriptText(makeRecord());
    const parentFirst = text.indexOf('Parent:\nMy son is 7');
    const bot = text.indexOf('Bot:\nI can explain');
    const parentLast = text.indexOf('Parent:\nCan I talk to a real person');
    expect(parentFirst).toBeGreaterThan(0);
    expect(bot).toBeGreaterThan(parentFirst);
    expect(parentLast).toBeGreaterThan(bot);
  });
});
