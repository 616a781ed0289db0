import type { TurnContext } from 'botbuilder';

/** Logic of a proactive turn. */
export type TurnLogic = (context: TurnContext) => Promise<void>;

/** The turn's logic never ran (a middleware ended the turn early), so nothing was sent. */
export class TurnNotRunError extends Error {
  override name = 'TurnNotRunError';
}

/**
 * Runs a proactive turn and surfaces any error of its logic to the caller.
 *
 * The adapter hands errors thrown inside a turn to `onTurnError`, which usually logs them and
 * resolves, and a middleware may end a turn without calling the logic at all. Either way the
 * sink would report a delivery that never happened, so the error is caught inside the turn and
 * rethrown after it.
 */
export async function runCapturingTurn(start: (logic: TurnLogic) => Promise<void>, logic: TurnLogic): Promise<void> {
  let ran = false;
  let failure: { error: unknown } | undefined;
  await start(async (context) => {
    ran = true;
    try {
      await logic(context);
    } catch (error) {
      failure = { error };
    }
  });
  if (failure) throw failure.error;
  if (!ran) throw new TurnNotRunError('[handoff]: the proactive turn did not run');
}
