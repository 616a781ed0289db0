import { Choice, ListStyle, PromptOptions } from 'botbuilder-dialogs';
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
