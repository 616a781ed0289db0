/**
 * Shared types of the intent matcher. Pure data: nothing here imports botbuilder.
 */

/** One training phrasing for one topic id. */
export interface TrainingExample {
  intent: string;
  text: string;
}

/** A glossary entry as content/glossary.yml holds it. */
export interface GlossaryEntry {
  id: string;
  term: string;
  aliases: string[];
}

/** One group of the synonyms table: every variant is rewritten to `to`. */
export interface SynonymGroup {
  to: string;
  from: string[];
}

/** The abbreviation, text-speak, spelling and misspelling table (content/matching/synonyms.yml). */
export interface SynonymTable {
  abbreviations: SynonymGroup[];
  textSpeak: SynonymGroup[];
  spellings: SynonymGroup[];
  misspellings: SynonymGroup[];
  /** Plain synonyms ("son", "daughter" -> "child"). */
  synonyms?: SynonymGroup[];
  /** Rewrites that apply only to a whole message ("ta" alone means thanks). */
  wholeMessage?: SynonymGroup[];
}

/** What the bot should do with a message. */
export type MatchDecision = 'answer' | 'clarify' | 'fallback';

/** One candidate topic with its calibrated confidence (0..1). */
export interface ScoredIntent {
  intent: string;
  confidence: number;
}

/** The matcher's answer for one message. */
export interface MatchResult {
  decision: MatchDecision;
  /** The best topic for `answer` and `clarify`; null for `fallback`. */
  intent: string | null;
  /** Confidence of `intent`; for a fallback, the confidence of the best in-scope candidate. */
  confidence: number;
  /** The next-best topics (for `clarify`, the first one is the other close topic). */
  alternatives: ScoredIntent[];
}

/** A built matcher. `classify` is synchronous and pure. */
export interface Matcher {
  classify(text: string): MatchResult;
  /** The topic ids the matcher can return. */
  readonly intents: readonly string[];
}
