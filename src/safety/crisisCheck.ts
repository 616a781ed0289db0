/**
 * Safeguarding check that runs on every message before anything else.
 *
 * Synchronous, no botbuilder: first a rule table of regular expressions over a lightly normalised
 * copy of the message, then, if no rule fires, a learned model (riskModel.ts, trained once from
 * content/safety/risk-examples.jsonl) for risk worded in ways no rule foresaw. It favours recall:
 * a false alarm costs a parent one extra signposting message, a miss could cost far more.
 */
import { defaultRiskModel } from './riskModel';
import { CRISIS_RULES, FIGURATIVE, NEGATION_BEFORE, type CrisisCategory, type CrisisRule } from './crisisRules';

export type { CrisisCategory } from './crisisRules';

/** What the check found. `matched` is the phrase that fired, from the normalised text. */
export interface CrisisResult {
  crisis: boolean;
  category?: CrisisCategory;
  matched?: string;
}

/** Text-speak and spelling variants that the rules would otherwise have to list one by one. */
const REWRITES: ReadonlyArray<[RegExp, string]> = [
  [/[\u2018\u2019\u02bc`´]/g, "'"],
  [/[\u201c\u201d]/g, '"'],
  [/(\w)'(\w)/g, '$1$2'], // he's -> hes, can't -> cant
  [/'/g, ' '],
  [/\bcan not\b|\bcannot\b/g, 'cant'],
  [/\bi am\b/g, 'im'],
  [/\bi m\b/g, 'im'],
  [/\b(do|does|did|is|are|was|were|has|have|had|could|would|should)\s+not\b/g, '$1nt'],
  [/\bwill not\b/g, 'wont'],
  [/\b(\w+)\s+2\s+(?=[a-z])/g, '$1 to '], // "wants 2 kill" -> "wants to kill"
  [/\bu\b/g, 'you'],
  [/\bur\b/g, 'your'],
  [/\bpls\b|\bplz\b/g, 'please'],
  [/\bwanna\b/g, 'want to'],
  [/\bgonna\b/g, 'going to'],
  [/\bsh\b/g, 'self harm'],
  // Misspellings of the words that matter most (a parent in a panic types fast).
  [/\bkil(s|ed|ing)?\b/g, 'kill$1'],
  [/\bkill?in\b/g, 'killing'],
  [/\b(?:sucide|suicde|suiside|suicid|suacide|suicied|suiceide)\b/g, 'suicide'],
  [/\b(?:sucidal|suicdal|suisidal|suicidle|suicidial|sucidial|suicedal)\b/g, 'suicidal'],
  [/\bself[\s-]*(harm|injur)/g, 'self $1'],
  [/\bselfharm/g, 'self harm'],
  [/\bhim ?self\b/g, 'himself'],
  [/\bher ?self\b/g, 'herself'],
  [/\bmy ?self\b/g, 'myself'],
  [/\bstep[\s-]?(dad|mum|father|mother)\b/g, 'step $1'],
  [/\bex[\s-](husband|wife|partner)\b/g, 'ex $1'],
  [/[^a-z0-9\s.?!,]/g, ' '],
  [/\s+/g, ' '],
];

/**
 * Lower-cases and normalises a message for the crisis rules (exported for tests).
 *
 * @example prepareForCrisisCheck("He's sayin he wants 2 kill himself") // "hes sayin he wants to kill himself"
 */
export function prepareForCrisisCheck(text: string): string {
  let prepared = text.toLowerCase();
  for (const [pattern, replacement] of REWRITES) prepared = prepared.replace(pattern, replacement);
  return prepared.trim();
}

/** Replaces figurative idioms with a gap so they cannot fire a rule. */
function stripFigurative(prepared: string): string {
  let stripped = prepared;
  for (const idiom of FIGURATIVE) stripped = stripped.replace(idiom, ' ~ ');
  return stripped;
}

/** The sentence-ish window around a hit, used by `unless` checks. */
function clauseAround(text: string, start: number, end: number): string {
  const before = text.lastIndexOf('.', start);
  const afterStop = text.slice(end).search(/[.?!]/);
  const clauseEnd = afterStop === -1 ? text.length : end + afterStop;
  return text.slice(before + 1, clauseEnd);
}

/** The rules with global versions of their patterns, compiled once (matchAll needs the g flag). */
const COMPILED_RULES: ReadonlyArray<CrisisRule & { global: RegExp }> = CRISIS_RULES.map((rule) => ({
  ...rule,
  global: new RegExp(rule.pattern.source, rule.pattern.flags.includes('g') ? rule.pattern.flags : `${rule.pattern.flags}g`),
}));

/** Finds the first hit of one rule that survives its negation and `unless` checks. */
function firstHit(rule: CrisisRule & { global: RegExp }, text: string): string | undefined {
  // Cheap test first: most rules do not match at all.
  if (!rule.pattern.test(text)) return undefined;
  if (rule.requires && !rule.requires.test(text)) return undefined;
  for (const hit of text.matchAll(rule.global)) {
    const start = hit.index ?? 0;
    const end = start + hit[0].length;
    if (rule.negatable && NEGATION_BEFORE.test(text.slice(Math.max(0, start - 40), start))) continue;
    if (rule.unless && rule.unless.test(clauseAround(text, start, end))) continue;
    return hit[0].trim();
  }
  return undefined;
}

/**
 * Flags a message that suggests a child or adult may be at risk of harm now.
 *
 * @example
 * checkForCrisis('she has been cutting herself') // { crisis: true, category: 'suicide-self-harm', matched: 'cutting herself' }
 * checkForCrisis('the homework is killing me')   // { crisis: false }
 */
export function checkForCrisis(text: string): CrisisResult {
  const prepared = stripFigurative(prepareForCrisisCheck(text));
  for (const rule of COMPILED_RULES) {
    const matched = firstHit(rule, prepared);
    if (matched !== undefined) return { crisis: true, category: rule.category, matched };
  }
  // No rule: the learned model catches risk worded in ways no rule foresaw (see riskModel.ts).
  if (defaultRiskModel()?.fires(stripFigurative(prepared))) return { crisis: true, category: 'possible-risk' };
  return { crisis: false };
}
