import { Writable } from 'node:stream';
import { createLogger } from '../../../src/logging/logger';

function sink(): { stream: Writable; lines: () => Array<Record<string, unknown>> } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      chunks.push(String(chunk));
      cb();
    },
  });
  return { stream, lines: () => chunks.join('').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('createLogger', () => {
  it('redacts message text, names, contact details and tokens by default', () => {
    const s = sink();
    const log = createLogger({ level: 'info', pretty: false, logPersonalData: false, destination: s.stream });
    log.info({ text: 'my son Jamie is 7', activity: { text: 'hello', from: { name: 'Sam Smith' } }, contact: { phone: '07700 900123' }, email: 'a@b.org', token: 'eyJ...' }, 'turn');
    const line = JSON.stringify(s.lines()[0]);
    for (const secret of ['Jamie', 'hello', 'Sam Smith', '07700', 'a@b.org', 'eyJ']) expect(line).not.toContain(secret);
    expect(line).toContain('[redacted]');
  });

  it('keeps personal data only when explicitly switched on', () => {
    const s = sink();
    const log = createLogger({ level: 'info', pretty: false, logPersonalData: true, destination: s.stream });
    log.info({ text: 'visible' }, 'turn');
    expect(s.lines()[0].text).toBe('visible');
  });
});
