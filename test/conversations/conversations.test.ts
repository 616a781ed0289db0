import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import type { PromptKey } from '../../src/content/promptKeys';
import { messageActivity, post, ReplyActivity, RunningApp, startApp } from '../helpers/startApp';

const scriptSchema = z.object({
  name: z.string(),
  steps: z.array(z.object({ user: z.string().optional(), press: z.string().optional(), bot: z.string().regex(/^(topic|more|prompt|contains) .+/) }).strict()).min(1),
});

const dir = __dirname;
const scripts = readdirSync(dir, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((d) => readdirSync(join(dir, d.name)).filter((f) => f.endsWith('.yml')).map((f) => ({ area: d.name, file: join(d.name, f) })));

let running: RunningApp;
beforeAll(async () => {
  running = await startApp();
});
afterAll(async () => running.stop());

const first = (s: string, n = 60) => s.replace(/\s+/g, ' ').trim().slice(0, n);
const plain = (s: string) => s.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/\s+/g, ' ');

describe.each(scripts)('conversation $file', ({ file }) => {
  it('plays as written', async () => {
    const script = scriptSchema.parse(parse(readFileSync(join(dir, file), 'utf8')));
    const conversation = { id: `script-${file}` };
    const from = { id: `parent-${file}` };
    let area = 'lincolnshire';
    let last: ReplyActivity[] = [];
    for (const [i, step] of script.steps.entries()) {
      let body = messageActivity(step.user ?? step.press ?? '', { conversation, from });
      if (step.press) {
        const action = last.flatMap((r) => r.suggestedActions?.actions ?? []).find((a) => a.title === step.press);
        if (!action) throw new Error(`${file} step ${i + 1}: no button "${step.press}"`);
        body = messageActivity(step.press, { conversation, from, value: typeof action.value === 'object' ? action.value : undefined });
      }
      const { status, replies } = await post(running.url, body);
      expect(status).toBe(200);
      last = replies;
      const said = plain(replies.map((r) => r.text ?? '').join('\n'));
      const k = running.app.knowledge;
      const [kind, ...rest] = step.bot.split(' ');
      const arg = rest.join(' ');
      if (/^(I live in|we live in|I'm in)/i.test(step.user ?? '')) area = k.detectArea(step.user ?? '')?.areaId ?? area;
      const where = `${file} step ${i + 1} (${step.user ?? step.press})`;
      if (kind === 'topic') expect({ where, said }).toEqual({ where, said: expect.stringContaining(first(plain(k.answer(arg, area)!.text))) });
      if (kind === 'more') expect({ where, said }).toEqual({ where, said: expect.stringContaining(first(plain(k.answer(arg, area)!.more))) });
      if (kind === 'prompt') expect({ where, said }).toEqual({ where, said: expect.stringContaining(first(plain(k.prompt(arg as PromptKey, area, { area: k.area(area).name })), 40)) });
      if (kind === 'contains') expect({ where, said }).toEqual({ where, said: expect.stringContaining(arg) });
    }
  });
});
