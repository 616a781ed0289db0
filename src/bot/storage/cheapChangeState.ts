import { BotState, ConversationState, Storage, TurnContext, UserState } from 'botbuilder';

/** What BotState keeps in turn state for one state object: the object and its fingerprint when read. */
interface CachedState {
  state: Record<string, unknown>;
  hash: string;
}

/** The state without its eTag, as JSON: our state is plain data, so this is a faithful fingerprint. */
function fingerprint(state: Record<string, unknown> | undefined): string {
  if (!state) return '';
  const { eTag: _eTag, ...rest } = state;
  return JSON.stringify(rest);
}

/**
 * BotState's load and saveChanges with a cheaper "has it changed?" test. botbuilder fingerprints the
 * state on every load and every save with a cycle-safe stringify and SHA-256, about a twentieth of a
 * turn under load; our state is plain JSON data, so comparing JSON text gives the same answer. The
 * turn-state slot and its shape ({ state, hash }) stay botbuilder's, so accessors, clear() and
 * delete() work unchanged.
 */
// `any` as TypeScript requires for mixins (constructor arguments) and as BotState.load declares.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function withCheapChangeCheck<T extends new (...args: any[]) => BotState>(Base: T): T {
  return class extends Base {
    /** botbuilder's private turn-state slot for this state object. */
    private get slot(): symbol {
      return (this as unknown as { stateKey: symbol }).stateKey;
    }

    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    override async load(context: TurnContext, force = false): Promise<any> {
      const cached = context.turnState.get(this.slot) as CachedState | undefined;
      if (!force && cached?.state) return cached.state;
      const key = await this.storageKey(context);
      const items = await this.storage.read([key]);
      const state = (items[key] ?? {}) as Record<string, unknown>;
      context.turnState.set(this.slot, { state, hash: fingerprint(state) } satisfies CachedState);
      return state;
    }

    override async saveChanges(context: TurnContext, force = false): Promise<void> {
      let cached = context.turnState.get(this.slot) as CachedState | undefined;
      if (!force && (!cached || cached.hash === fingerprint(cached.state))) return;
      const key = await this.storageKey(context);
      cached ??= { state: {}, hash: '' };
      cached.state.eTag = '*';
      await this.storage.write({ [key]: cached.state });
      cached.hash = fingerprint(cached.state);
      context.turnState.set(this.slot, cached);
    }
  };
}

/** ConversationState with the cheaper change check. */
export class CheapConversationState extends withCheapChangeCheck(ConversationState) {
  constructor(storage: Storage, namespace?: string) {
    super(storage, namespace);
  }
}

/** UserState with the cheaper change check. */
export class CheapUserState extends withCheapChangeCheck(UserState) {
  constructor(storage: Storage, namespace?: string) {
    super(storage, namespace);
  }
}
