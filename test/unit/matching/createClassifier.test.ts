import pino from 'pino';
import { ContentStore } from '../../../src/content/contentStore';
import { trainingExamplesOf } from '../../../src/matching/createClassifier';
import { readTrainingExamples } from '../../../src/matching/trainingData';

describe('the bot learns what classify, export:training and the benchmark learn', () => {
  it('has the same training phrasings as the command-line reader', () => {
    const content = ContentStore.load('content', pino({ level: 'silent' })).content;
    const key = (e: { intent: string; text: string }) => `${e.intent}\u0000${e.text}`;
    expect(trainingExamplesOf(content).map(key).sort()).toEqual(readTrainingExamples('content').map(key).sort());
  });
});
