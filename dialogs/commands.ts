/** Commands that work at any point, including at a prompt. Matched on the whole message so that an
 * answer like "he needs help with reading" is not taken for "help". */
export type Command = 'help' | 'restart' | 'cancel' | 'person' | 'delete-data' | 'cancel-handoff';

const clean = (text: string) =>
  text
    .toLowerCase()
    .replace(/[’']/g, '')
    .replace(/[^a-z0-9 ]+/g, ' ')
    .replace(/\b(please|pls|plz|now|just|can i|could i|i want to|i would like to|id like to|i need to|let me|i wanna)\b/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

const PATTERNS: Array<[Command, RegExp]> = [
  ['delete-data', /^(delete|erase|remove|wipe|forget) (all )?(my|our) (data|details|information|info|conversation|chat|history)( please)?$|^forget me$|^delete (it|everything)$/],
  [
    'cancel-handoff',
    /^((cancel|withdraw|stop) (my|the|that) (request|hand ?off|referral|call ?back|adviser request|request for an adviser)|i (dont|do not) need (an|the) adviser( any ?more)?|(cancel|stop) the adviser)$/,
  ],
  ['restart', /^(start (over|again|afresh)|restart|reset|begin again|start from the (beginning|start)|go back to the start|new conversation)$/],
  ['cancel', /^(cancel|stop|quit|exit|never ?mind|forget it|stop that|cancel that|no stop)$/],
  ['help', /^(help|menu|options|what can you do|help me|how does this work|\?)$/],
  [
    'person',
    /^((talk|speak|chat) (to|with) (a |an |someone|somebody|a real |an actual )?(real )?(person|human|adviser|advisor|someone|somebody|agent|liaise|iask)( please)?|(a |an )?(real )?(person|human|adviser|advisor|agent)|(get|give) me (a |an )?(person|human|adviser|advisor)|i want (a |an )?(person|human|adviser|advisor))$/,
  ],
];

/** The command a whole message asks for, or undefined. */
export function recogniseCommand(text: string): Command | undefined {
  const t = clean(text);
  if (!t && text.trim() === '?') return 'help';
  for (const [command, pattern] of PATTERNS) if (pattern.test(t)) return command;
  return undefined;
}

/** Answers that mean "skip this question". */
export function isSkip(text: string): boolean {
  return /^(skip|pass|next|n\/?a|none|-|no|nope|dont know|don'?t know|not sure|rather not( say)?|prefer not( to say)?|idk|dunno)$/i.test(text.trim().replace(/[.!]+$/, ''));
}
