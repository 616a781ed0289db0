import { join } from 'node:path';
import { checkForCrisis } from '../../../src/safety/crisisCheck';
import { defaultRiskModel, readRiskExamples, RISK_EXAMPLES_FILE, RiskModel } from '../../../src/safety/riskModel';

describe('RiskModel', () => {
  const tiny = RiskModel.train(
    [
      { text: 'she has swallowed bleach', crisis: true },
      { text: 'he swallowed a battery', crisis: true },
      { text: 'my son swallowed some pills', crisis: true },
      { text: 'what is an ehc plan', crisis: false },
      { text: 'who is the senco', crisis: false },
      { text: 'how often are reviews', crisis: false },
    ],
    0.5,
  );

  it('learns which words mark risk from labelled examples', () => {
    expect(tiny.probability('my little daughter swallowed a battery from the remote control earlier')).toBeGreaterThan(0.5);
    expect(tiny.probability('who is the senco at my sons new school this year')).toBeLessThan(0.5);
  });

  it('finds one risky pair of sentences inside a long, ordinary story', () => {
    const model = RiskModel.train(
      [
        { text: 'my little boy has swallowed a battery from the remote control', crisis: true },
        { text: 'my daughter swallowed some batteries from a toy this afternoon', crisis: true },
        { text: 'the council said the transport request was refused again this term', crisis: false },
        { text: 'we are waiting for the annual review meeting with the school senco', crisis: false },
        { text: 'the school bus is late every morning and the driver is rude', crisis: false },
        { text: 'our ehcp review is next month and the plan needs updating soon', crisis: false },
      ],
      0.5,
    );
    const story =
      'The council said the transport request was refused again this term. We are waiting for the annual review meeting. ' +
      'Also my little boy swallowed a battery from the remote control. He seems fine. What should we ask at the review meeting?';
    expect(model.fires(story)).toBe(true);
    expect(model.fires('The council said the transport request was refused. We are waiting for the review meeting. The bus is late again.')).toBe(false);
  });

  it('stays silent on short messages, which the rules cover', () => {
    expect(tiny.probability('swallowed a battery')).toBe(0);
  });

  it('scores a message of only unknown words as no risk', () => {
    expect(tiny.probability('zzz qqq')).toBe(0);
  });

  it('loads the shipped examples, both kinds present', () => {
    const examples = readRiskExamples(join(__dirname, '..', '..', '..', 'content', RISK_EXAMPLES_FILE));
    expect(examples.filter((e) => e.crisis).length).toBeGreaterThan(150);
    expect(examples.filter((e) => !e.crisis).length).toBeGreaterThan(400);
  });
});

describe('checkForCrisis with the learned layer', () => {
  it.each([
    'my son has a purple rash that wont fade and a stiff neck',
    'the voices keep telling my daughter to hurt her baby brother',
  ])('flags risk no rule was written for: %s', (text) => {
    expect(checkForCrisis(text)).toEqual({ crisis: true, category: 'possible-risk' });
  });

  it.each(['what is an ehcp', 'my son hates loud noises in assembly', 'how do i ask for a review meeting', 'he gets upset when the TA changes'])(
    'leaves ordinary questions alone: %s',
    (text) => {
      expect(checkForCrisis(text)).toEqual({ crisis: false });
    },
  );

  it('is trained once and reused', () => {
    expect(defaultRiskModel()).toBe(defaultRiskModel());
  });
});
