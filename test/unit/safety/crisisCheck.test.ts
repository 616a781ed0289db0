import { join } from 'node:path';
import { readTrainingExamples } from '../../../src/matching/trainingData';
import { checkForCrisis, prepareForCrisisCheck, type CrisisCategory } from '../../../src/safety/crisisCheck';

describe('checkForCrisis', () => {
  describe('flags risk to a child or adult', () => {
    it.each<[string, CrisisCategory]>([
      // suicide and self-harm
      ['he said he wants to die', 'suicide-self-harm'],
      ['she told her friend she wants to vanish for good', 'suicide-self-harm'],
      ['he says he wishes he could sleep and never wake up', 'suicide-self-harm'],
      ['he thinks we would all be better off if he was gone', 'suicide-self-harm'],
      ['my dd keeps saying shes going to end it', 'suicide-self-harm'],
      ['she necked a whole packet of paracetamol', 'suicide-self-harm'],
      ['he asked me how many tablets it would take to die', 'suicide-self-harm'],
      ['found a belt tied in a loop in her room', 'suicide-self-harm'],
      ['he is sitting on the roof of the flats and wont come down', 'suicide-self-harm'],
      ['she posted a goodbye message on tiktok an hour ago', 'suicide-self-harm'],
      ["she's been cutting herself", 'suicide-self-harm'],
      ['my son told me he wants to kill himself', 'suicide-self-harm'],
      ['wants 2 kill himself', 'suicide-self-harm'],
      ['he keeps sayin he wants to kil himself', 'suicide-self-harm'],
      ['i think shes sucidal', 'suicide-self-harm'],
      ['my 14yo has been self-harming', 'suicide-self-harm'],
      ['she keeps saying she wishes she was dead', 'suicide-self-harm'],
      ['he is talking about suicide', 'suicide-self-harm'],
      ['my daughter took too many tablets', 'suicide-self-harm'],
      ['he took an overdose last night', 'suicide-self-harm'],
      ['he took an od last night', 'suicide-self-harm'],
      ['the taxi driver who takes her to school has been touching her', 'abuse'],
      ['he banged his head on the radiator again and again and now there is blood all over', 'suicide-self-harm'],
      ['she swallowed something from the garage and has been sick three times', 'immediate-danger'],
      ['she odded on paracetamol', 'suicide-self-harm'],
      ['my teenager says life isnt worth living', 'suicide-self-harm'],
      ['she is threatening to jump off the bridge', 'suicide-self-harm'],
      ['I found razor blades hidden in her room', 'suicide-self-harm'],
      ['found a suicide note', 'suicide-self-harm'],
      ["she's been cutting again", 'suicide-self-harm'],
      ['he bangs his head on the wall until it bleeds', 'suicide-self-harm'],
      ['my child keeps talking about dying', 'suicide-self-harm'],
      ['my son has hurt himself badly', 'suicide-self-harm'],
      // the parent's own distress
      ["I can't go on", 'parent-distress'],
      ['i cant cope anymore', 'parent-distress'],
      ['I want to end it all', 'parent-distress'],
      ["I'm having thoughts of killing myself", 'parent-distress'],
      ["I don't want to be here anymore", 'parent-distress'],
      ['everyone would be better off without me', 'parent-distress'],
      ['there is no point going on', 'parent-distress'],
      ['i think i might hurt my child, im so tired', 'parent-distress'],
      ['I feel suicidal', 'parent-distress'],
      // abuse
      ['I think my son is being abused', 'abuse'],
      ['my partner hits me and the kids', 'abuse'],
      ['his dad beats him', 'abuse'],
      ['a teacher hurt my son and left bruises', 'abuse'],
      ['dd said a man at the club touched her', 'abuse'],
      ['my daughter was sexually assaulted', 'abuse'],
      ['someone online is sending my 12 year old sexual messages', 'abuse'],
      ['my husband is violent when he drinks', 'abuse'],
      ['there is domestic violence at home', 'abuse'],
      ['I think my neighbour is hurting his kids', 'abuse'],
      ['the boy next door is being neglected', 'abuse'],
      ['he is scared to go home', 'abuse'],
      // immediate danger
      ['my ex is threatening us', 'immediate-danger'],
      ['my partner is threatening to kill me', 'immediate-danger'],
      ["im scared he'll hurt the kids", 'immediate-danger'],
      ['my child is not safe at home', 'immediate-danger'],
      ['there is a man with a knife outside', 'immediate-danger'],
      ['should i call the police', 'immediate-danger'],
      ["she's not breathing", 'immediate-danger'],
      ['im scared for my kids safety', 'immediate-danger'],
      // missing
      ['my daughter is missing', 'missing'],
      ['he has gone missing and we cant find him', 'missing'],
      ['my son hasnt come home from school and its 9pm', 'missing'],
      ['ds ran off and the police are looking for him', 'missing'],
      ["he's been missing since this morning", 'missing'],
      ["can't find my daughter anywhere", 'missing'],
    ])('%s -> %s', (text, category) => {
      const result = checkForCrisis(text);
      expect(result).toMatchObject({ crisis: true, category });
      expect(result.matched).toEqual(expect.any(String));
    });
  });

  describe('flags broader wordings of abuse, a missing child and danger now', () => {
    it.each<[string, CrisisCategory]>([
      ['my partner shook the baby when she would not stop crying', 'abuse'],
      ['her uncle sneaks into her room at night', 'abuse'],
      ['he came back from contact with bruises and no one can explain them', 'abuse'],
      ['a man on roblox keeps asking him to keep their chats secret', 'abuse'],
      ['my son has been missing for hours', 'missing'],
      ['he bolted out of the house and nobody knows where he is', 'missing'],
      ['his dad took him from school and will not tell me where they are', 'missing'],
      ['she locked herself in her room and has stopped answering', 'immediate-danger'],
      ['my son collapsed at home and is very pale', 'immediate-danger'],
      ['im scared i might lash out at my son tonight', 'parent-distress'],
    ])('%s -> %s', (text, category) => {
      expect(checkForCrisis(text)).toMatchObject({ crisis: true, category });
    });
  });

  describe('does not flag ordinary worries', () => {
    it.each([
      'he hurt his hand in PE',
      'he has an odd way of walking and trips a lot',
      'she still has the odd accident at school',
      'odd socks day at school',
      'he keeps touching other children in the line, is that a sensory thing',
      'she ate something at lunch she did not like and was sick, school rang me',
      'i worry i will hurt her feelings if i mention the review',
      'she takes her ADHD tablets at lunch',
      'he cant wake up in time for school because of his meds',
      'he threw a chair in class during a meltdown',
      'my son comes into my room at night because he cannot sleep',
      'he wants to disappear into his room after school',
      'he used to have seizures when he was a baby',
      'she is anxious about school',
      'the homework is killing me',
      'dying to know when the review is',
      "i'm dying of embarrassment, he had an accident in class",
      'he hurt himself falling off the climbing frame',
      'she cut her finger on the scissors in art',
      'he cut his knee in the playground',
      'my son bangs his head when he is frustrated, is that sensory',
      'he gets angry and hits the table',
      'my son hit another child and got a detention',
      'he was hit by a ball in PE',
      'the TA shouted at him',
      "she's missing lots of school because of anxiety",
      'he has been missing lessons for speech therapy',
      'my daughter is missing her friends',
      'he keeps running off in the playground',
      'he runs away from the teacher at pick up',
      'I could kill for a cup of tea',
      'i could kill the senco',
      'killing time waiting for the senco to reply',
      'school are killing his love of learning',
      'this form is doing my head in',
      'the school is failing my son',
      "we're scared he'll fail his exams",
      "i can't cope with the school run",
      "I'm scared for his future",
      "she's not safe crossing the road on her own",
      'she burns herself out trying to keep up',
      'it is a matter of life and death that he gets an ehcp',
      'i nearly died when they refused the ehcp',
      'he is never suicidal, just very anxious',
      'she has no history of self harm',
      'he is killing it at football',
      'she is desperate to go to the disco',
      'I am at the end of my tether with the school',
      "i'm exhausted and need to talk to someone about his support",
      'my son says his teacher hates him',
      'bored to death of the same meetings',
      'can you tell me what an accessibility plan is',
    ])('%s', (text) => {
      expect(checkForCrisis(text)).toEqual({ crisis: false });
    });
  });

  it('flags every crisis phrasing the content team wrote for the safeguarding topic', () => {
    const contentDir = join(__dirname, '..', '..', '..', 'content');
    const phrasings = readTrainingExamples(contentDir, { includeTitles: false })
      .filter((example) => example.intent === 'safeguarding-crisis')
      .map((example) => example.text);
    expect(phrasings.filter((text) => !checkForCrisis(text).crisis)).toEqual([]);
  });
});

describe('prepareForCrisisCheck', () => {
  it.each([
    ["He's sayin he wants 2 kill himself", 'hes sayin he wants to kill himself'],
    ["I can't go on", 'i cant go on'],
    ['she is not safe', 'she isnt safe'],
    ['Self-harm', 'self harm'],
    ['my step-dad', 'my step dad'],
  ])('%s -> %s', (text, expected) => {
    expect(prepareForCrisisCheck(text)).toBe(expected);
  });
});
