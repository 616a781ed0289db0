import type { TurnContext } from 'botbuilder';
import type { DialogServices } from './services';

/** The parent's area pack id: what they told us, else the configured default. */
export async function areaOf(context: TurnContext, services: DialogServices): Promise<string> {
  const profile = await services.accessors.profile.get(context, {});
  return profile.area ?? services.knowledge.defaultArea;
}
