import type { TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import type { Knowledge } from '../src/knowledge/knowledge';
import type { StateAccessors } from './state';

export type HandoffReason = 'asked' | 'second-fallback' | 'concern-walkthrough' | 'crisis';

/** What the hand-off dialog collected; everything but consent is optional because each question can be skipped. */
export interface HandoffDraft {
  reason: HandoffReason;
  area: string;
  consent: { agreed: true; at: string; sharedWith: string; scope: string[] };
  summary: {
    childAge?: string;
    schoolType?: string;
    areaOfNeed?: string;
    stepsTaken?: string;
    wants?: string;
    preferredContact?: 'phone' | 'email';
    contactTime?: string;
  };
  contact: { phone?: string; email?: string };
}

/** Saves a hand-off durably and queues it for delivery; resolves only once it is safe. */
export interface HandoffSubmitter {
  submit(context: TurnContext, draft: HandoffDraft): Promise<{ id: string; reference: string }>;
  /** Withdraws a sent request; `alreadyDelivered` when an adviser may already have it. */
  cancel(id: string): Promise<{ found: boolean; alreadyDelivered: boolean }>;
}

/** Removes everything kept about the parent in this conversation (state and transcript). */
export interface DataEraser {
  erase(context: TurnContext): Promise<void>;
}

/** A live chat with an adviser: while it is open, the parent's messages go to the adviser. */
export interface RelayService {
  isRelaying(context: TurnContext): Promise<boolean>;
  forwardToAdviser(context: TurnContext, text: string): Promise<void>;
}

/** Everything the dialogs need, passed in so tests can give fakes. */
export interface DialogServices {
  knowledge: Knowledge;
  handoff: HandoffSubmitter;
  eraser: DataEraser;
  relay?: RelayService;
  accessors: StateAccessors;
  logger: Logger;
  now?: () => Date;
}
