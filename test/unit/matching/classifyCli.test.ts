import { classifyLine } from '../../../src/cli/classify';
import { fixtureMatcher } from './fixtureMatcher';

describe('classify command, one line', () => {
  const matcher = fixtureMatcher();
  const run = (line: string): { output: Record<string, unknown>; warnings: string[] } => {
    const warnings: string[] = [];
    const output = JSON.parse(classifyLine(matcher, line, 1, (message) => warnings.push(message))) as Record<string, unknown>;
    return { output, warnings };
  };

  it('answers with the topic, a confidence and alternatives, keeping the id', () => {
    const { output, warnings } = run('{"id":"a1","text":"who is the senco"}');
    expect(output).toMatchObject({ id: 'a1', intent: 'role-of-senco' });
    expect(Object.keys(output)).toEqual(['id', 'intent', 'confidence', 'alternatives']);
    expect(output.confidence).toEqual(expect.any(Number));
    expect(warnings).toEqual([]);
  });

  it('says safeguarding-crisis when the crisis check fires, whatever the matcher thinks', () => {
    expect(run('{"id":2,"text":"my son said he wants to die"}').output).toEqual({
      id: 2,
      intent: 'safeguarding-crisis',
      confidence: 1,
      alternatives: [],
    });
  });

  it('gives null for a question the bot would not answer', () => {
    expect(run('{"id":"3","text":"when are the bins collected"}').output.intent).toBeNull();
  });

  it.each([['not json'], ['{"id":"4"}'], ['{"id":"5","text":42}']])('keeps the line count for bad input %j, warning on stderr', (line) => {
    const { output, warnings } = run(line);
    expect(output).toMatchObject({ intent: null, confidence: 0, alternatives: [] });
    expect(warnings).toHaveLength(1);
  });
});
