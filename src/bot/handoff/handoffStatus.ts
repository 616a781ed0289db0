import { ActivityTypes, HandoffEventNames, type Activity } from 'botbuilder';

/** States an agent hub reports for a hand-off. */
export type HandoffState = 'accepted' | 'failed' | 'completed';

/** What a `handoff.status` event says happened. */
export interface HandoffStatusUpdate {
  state: HandoffState;
  /** The hub's explanation, mostly for `failed`. Free text from outside: do not log it. */
  message?: string;
  /** The parent's conversation the status is about. */
  conversationId?: string;
}

const STATES: ReadonlySet<string> = new Set<HandoffState>(['accepted', 'failed', 'completed']);

/**
 * Recognises a `handoff.status` event from an agent hub and returns what happened; undefined
 * for any other activity or a status with an unknown state.
 */
export function readHandoffStatus(activity: Partial<Activity>): HandoffStatusUpdate | undefined {
  if (activity.type !== ActivityTypes.Event || activity.name !== HandoffEventNames.HandoffStatus) return undefined;
  const value: unknown = typeof activity.value === 'string' ? parseJson(activity.value) : activity.value;
  if (typeof value !== 'object' || value === null) return undefined;
  const { state, message } = value as { state?: unknown; message?: unknown };
  if (typeof state !== 'string' || !STATES.has(state)) return undefined;
  return {
    state: state as HandoffState,
    ...(typeof message === 'string' ? { message } : {}),
    ...(activity.conversation?.id !== undefined ? { conversationId: activity.conversation.id } : {}),
  };
}

// Some hubs send the value as a JSON string.
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
