/** Bot Framework side of the hand-off delivery: agent-hub event and Teams channel sinks, and incoming hand-off activities. */
export { BotFrameworkHandoffSink, handoffEventContext, type BotFrameworkHandoffSinkOptions, type HandoffEventContext, type ProactiveAdapter } from './botFrameworkHandoffSink';
export { readHandoffStatus, type HandoffState, type HandoffStatusUpdate } from './handoffStatus';
export { TeamsChannelSink, type ConversationCreatingAdapter, type TeamsChannelSinkOptions, type TeamsChannelTarget } from './teamsChannelSink';
export { buildHandoffCard, type HandoffCard, type HandoffCardLimits } from './handoffCard';
export { HANDOFF_ACCEPT_ACTION, readAcceptCase, type AcceptCaseData } from './acceptCaseAction';
export { TurnNotRunError } from './captureTurn';
