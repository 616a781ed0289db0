/**
 * The whole reading pipeline for one message or training phrasing:
 * clean -> sentences -> words -> typo repair -> synonyms -> "send" verb check -> stems and bigrams,
 * with story sentences weighted down. Training phrasings and messages go through the same steps
 * (training phrasings skip typo repair: they define the vocabulary).
 */
import { type FeatureBag, addFeatures } from './features';
import { cleanText, splitSentences, tokenise } from './normalise';
import { PhraseRewriter } from './phraseRewriter';
import { sentenceWeights } from './sentenceWeights';
import type { TypoRepairer } from './typoRepair';

/**
 * After these words "send" is the verb ("send an email"), otherwise parents mean SEND (special
 * educational needs and disabilities), which the matcher reads as "sen".
 */
const SEND_VERB_NEXT = new Set([
  'a', 'an', 'the', 'me', 'you', 'him', 'her', 'them', 'it', 'this', 'that', 'my', 'his', 'our', 'your', 'their',
  'email', 'emails', 'letter', 'letters', 'off', 'out', 'back', 'home', 'over', 'through', 'to', 'for', 'some',
  'any', 'in', 'on', 'us', 'something', 'anything', 'copies', 'copy', 'message', 'messages', 'text',
]);

/**
 * Only the last this-many characters of a very long message are read: the question is almost
 * always at the end, and it bounds the work one message can cause.
 */
export const MAX_MESSAGE_CHARS = 3000;

/** Rewrites SEND-the-acronym to "sen" and leaves the verb alone. */
function resolveSend(words: string[]): string[] {
  if (!words.includes('send')) return words;
  return words.map((word, index) => (word === 'send' && !SEND_VERB_NEXT.has(words[index + 1] ?? '') ? 'sen' : word));
}

/** Reads text into features; one instance per matcher. */
export class TextAnalyser {
  /**
   * @param rewriter the synonyms table
   * @param repairer typo repair for messages (training phrasings are never repaired)
   * @param wholeMessages rewrites that apply only when they are the entire message
   */
  constructor(
    private readonly rewriter: PhraseRewriter,
    private readonly repairer?: TypoRepairer,
    private readonly wholeMessages: PhraseRewriter = new PhraseRewriter([]),
  ) {}

  /** A whole-message rewrite of the text, or the text itself. */
  private wholeMessage(cleaned: string): string {
    if (!this.wholeMessages.mightBeWhole(cleaned)) return cleaned;
    const tokens = tokenise(cleaned);
    const rewritten = this.wholeMessages.rewriteWhole(tokens);
    return rewritten === undefined ? cleaned : rewritten.join(' ');
  }

  /** The words of one sentence after typo repair and the synonyms table (exported for tests and debugging). */
  words(tokens: readonly string[], repairTypos: boolean): string[] {
    const repaired = repairTypos && this.repairer ? tokens.map((token) => this.repairer?.repair(token) ?? token) : tokens;
    return resolveSend(this.rewriter.rewrite(repaired));
  }

  /**
   * Features of a parent's message (typos repaired, story sentences weighted down).
   *
   * @example analyser.analyseMessage('wot is an ehcp') // Map { 'what' => 1, 'ehc' => 1, 'plan' => 1, 'what_ehc' => 0.6, ... }
   */
  analyseMessage(text: string): FeatureBag {
    return this.analyse(text, true);
  }

  private analyse(text: string, repairTypos: boolean, plainWords?: string[]): FeatureBag {
    const tail = text.length > MAX_MESSAGE_CHARS ? text.slice(-MAX_MESSAGE_CHARS) : text;
    const cleaned = cleanText(tail);
    const rewritten = this.wholeMessage(cleaned);
    const sentences = splitSentences(rewritten);
    if (plainWords !== undefined) {
      for (const sentence of rewritten === cleaned ? sentences : splitSentences(cleaned)) plainWords.push(...sentence.tokens);
    }
    const weights = sentenceWeights(sentences);
    const bag: FeatureBag = new Map();
    sentences.forEach((sentence, index) => addFeatures(this.words(sentence.tokens, repairTypos), weights[index] ?? 1, bag));
    return bag;
  }

  /**
   * Features of a training phrasing: the same steps and weights, no typo repair.
   *
   * @param plainWords when given, the phrasing's words as typed are added to it (the typo
   *   vocabulary), saving a second pass over every phrasing
   */
  analyseTrainingPhrase(text: string, plainWords?: string[]): FeatureBag {
    return this.analyse(text, false, plainWords);
  }

  /** Every word of a text as typed (cleaned and split; used to build the typo vocabulary). */
  plainWords(text: string): string[] {
    return splitSentences(cleanText(text)).flatMap((sentence) => sentence.tokens);
  }
}
