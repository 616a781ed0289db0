import { randomUUID } from 'node:crypto';
import type { HandoffRecord } from '../../../../src/handoff/record';

/** A valid record; the parent skipped "best time to contact" and gave no email. */
export function makeRecord(overrides: Partial<HandoffRecord> = {}): HandoffRecord {
  return {
    id: randomUUID(),
    createdAt: '2026-01-05T10:00:00.000Z',
    area: 'lincolnshire',
    consent: {
      agreed: true,
      at: '2026-01-05T09:59:30.000Z',
      sharedWith: 'the Lincolnshire SENDIASS advice team',
      scope: ['summary', 'transcript', 'contact'],
    },
    summary: {
      childAge: '7',
      yearGroup: 'Year 2',
      schoolType: 'mainstream primary',
      areaOfNeed: 'communication and interaction',
      stepsTaken: 'Spoke to the SENCo twice',
      wants: 'help asking for an EHC needs assessment',
      preferredContact: 'phone',
      reason: 'asked',
    },
    contact: { name: 'Alex Testparent', phone: '07700 900123' },
    transcript: [
      { from: 'parent', text: 'My son is 7 and struggling at school with speech', timestamp: '2026-01-05T09:55:00.000Z' },
      { from: 'bot', text: 'I can explain what support schools should give.', timestamp: '2026-01-05T09:55:02.000Z' },
      { from: 'parent', text: 'Can I talk to a real person please?', timestamp: '2026-01-05T09:58:00.000Z' },
    ],
    route: {
      channelId: 'webchat',
      conversationId: 'conv-parent-1',
      serviceUrl: 'https://smba.example.test/parent/',
      userId: 'user-1',
      botId: 'bot-1',
    },
    ...overrides,
  };
}

/** Strings from the record that must never appear in logs. */
export const PERSONAL_TEXT = ['Alex Testparent', '07700 900123', 'struggling at school', 'real person please', 'Spoke to the SENCo'];
