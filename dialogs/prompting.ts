import { Choice, ChoicePrompt, FoundChoice, ListStyle, PromptOptions, PromptValidatorContext } from 'botbuilder-dialogs';
import { STOPWORDS, stem } from '../src/matching/features';
import type { TurnContext } from 'botbuilder';
import { messageWithButtons } from './replies';

/** Choice prompt options shaped for the channel (Teams shows at most three suggested actions). */
export function choicePrompt(context: TurnContext, text: string, choices: string[], retryText?: string): PromptOptions {
  const teamsCard = context.activity.channelId === 'msteams' && choices.length > 3;
  return {
    prompt: text,
    retryPrompt: retryText ?? text,
    choices: choices.map((value): Choice => ({ value })),
    style: teamsCard ? ListStyle.heroCard : ListStyle.suggestedAction,
  };
}

/** A free-text question with a Skip button. */
export function skippableTextPrompt(context: TurnContext, text: string, skipLabel: string, retryText?: string): PromptOptions {
  return {
    prompt: messageWithButtons(context, text, [{ title: skipLabel }]),
    retryPrompt: retryText ? messageWithButtons(context, retryText, [{ title: skipLabel }]) : undefined,
  };
}

/** Content-word stems of a short text ("I've spoken to the teacher" -> spoken, teacher). */
function stemsOf(text: string): Set<string> {
  const words = text.toLowerCase().replace(/['\u2019]/g, '').split(/[^a-z0-9]+/).filter((w) => w && !STOPWORDS.has(w));
  return new Set(words.map(stem));
}

/**
 * The choice a typed reply most plausibly means, when the SDK's matcher found none: the one choice
 * sharing the most content words with it, if no other choice shares as many. Only short replies
 * count; a long one is more likely a new question or a story (the router checks for questions first).
 *
 * @example closestChoice("I've spoken to the teacher already", ["I've talked to the class teacher", "I've met the headteacher"]) // 0
 */
export function closestChoice(text: string, choices: readonly string[]): number | undefined {
  const said = stemsOf(text);
  if (said.size === 0 || said.size > 8) return undefined;
  const overlaps = choices.map((choice) => [...stemsOf(choice)].filter((w) => said.has(w)).length);
  const best = Math.max(0, ...overlaps);
  if (best === 0 || overlaps.filter((n) => n === best).length > 1) return undefined;
  // One shared word is enough in a short reply ("spoke to the teacher"), not in a sentence that merely
  // mentions it ("he's fine in class but falling apart at home" is not "I've talked to the class teacher").
  if (best === 1 && said.size > 4) return undefined;
  return overlaps.indexOf(best);
}

/** Accepts a typed reply that plainly means one of the choices in other words. */
async function lenientChoiceValidator(prompt: PromptValidatorContext<FoundChoice>): Promise<boolean> {
  if (prompt.recognized.succeeded) return true;
  const choices = (prompt.options.choices ?? []).map((c) => (typeof c === 'string' ? c : c.value));
  const index = closestChoice(prompt.context.activity.text ?? '', choices);
  if (index === undefined) return false;
  prompt.recognized.value = { value: choices[index] as string, index, score: 0.5 };
  prompt.recognized.succeeded = true;
  return true;
}

/** The choice prompt every dialog uses: British English parsing plus {@link lenientChoiceValidator}. */
export function createChoicePrompt(id: string): ChoicePrompt {
  return new ChoicePrompt(id, lenientChoiceValidator, 'en-us');
}
