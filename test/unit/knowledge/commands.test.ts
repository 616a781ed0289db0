import { isSkip, recogniseCommand } from '../../../dialogs/commands';

describe('recogniseCommand', () => {
  it.each([
    ['help', 'help'],
    ['Help!', 'help'],
    ['start over', 'restart'],
    ['Start again please', 'restart'],
    ['cancel', 'cancel'],
    ['never mind', 'cancel'],
    ['talk to a person', 'person'],
    ['can i speak to a real person', 'person'],
    ['I want to talk to an adviser', 'person'],
    ['human', 'person'],
    ['delete my data', 'delete-data'],
    ['please delete all my information', 'delete-data'],
  ])('%s -> %s', (text, command) => {
    expect(recogniseCommand(text)).toBe(command);
  });

  it.each([['he needs help with reading'], ['can school stop him going on trips'], ['what is a person centred review'], ['my son cancelled his appointment']])('is not fooled by %s', (text) => {
    expect(recogniseCommand(text)).toBeUndefined();
  });

  it.each([['skip', true], ['Skip.', true], ["don't know", true], ['rather not say', true], ['Jamie', false], ['Year 4', false]])('isSkip(%s) = %s', (text, skip) => {
    expect(isSkip(text)).toBe(skip);
  });
});
