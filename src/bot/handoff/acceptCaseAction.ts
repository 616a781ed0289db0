import { ActivityTypes, type Activity } from 'botbuilder';

/** `action` value of the card's "Accept case" button. */
export const HANDOFF_ACCEPT_ACTION = 'handoff.accept';

/** Data the "Accept case" button submits. */
export interface AcceptCaseData {
  action: typeof HANDOFF_ACCEPT_ACTION;
  /** The hand-off record id. */
  id: string;
}

/**
 * Recognises an adviser pressing "Accept case" (Teams sends `Action.Submit` as a message whose
 * `value` is the button data) and returns the hand-off id; undefined for anything else.
 */
export function readAcceptCase(activity: Partial<Activity>): { handoffId: string } | undefined {
  if (activity.type !== ActivityTypes.Message) return undefined;
  const value: unknown = activity.value;
  if (typeof value !== 'object' || value === null) return undefined;
  const { action, id } = value as { action?: unknown; id?: unknown };
  if (action !== HANDOFF_ACCEPT_ACTION || typeof id !== 'string' || id === '') return undefined;
  return { handoffId: id };
}
