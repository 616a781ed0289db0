/**
 * The intent matcher: classifies a parent's message into a topic id with a confidence.
 *
 * Pure and synchronous, no botbuilder. Build it once at start-up (~100-200 ms for ~1,000
 * phrasings) and call `classify` per message (well under a millisecond). The bot runs
 * `checkForCrisis` first.
 *
 * How a message is read (see the modules named):
 * 1. normalise.ts / textAnalyser.ts: clean, split into sentences and words; typoRepair.ts fixes
 *    misspelt words; phraseRewriter.ts applies synonyms.yml (EHCP -> ehc plan, u -> you, ds -> child);
 * 2. features.ts: Porter stems (natural) and bigrams; sentenceWeights.ts weights the question;
 * 3. scorer.ts: TF-IDF nearest phrasings, intent centroids, BM25 coverage and a small softmax model
 *    (linearModel.ts), blended; shortForm.ts damps one-word topics ("bye") in long messages;
 * 4. calibration.ts: blend -> confidence, then answer / clarify / fallback, with the
 *    out-of-scope list (out-of-scope.yml) learned as one more "topic" that means fallback, and
 *    by a two-class model (any topic vs. none) that can veto an answer.
 */
import { DEFAULT_THRESHOLDS, type DecisionThresholds, decide, toConfidence } from './calibration';
import { STOPWORDS } from './features';
import { DEFAULT_LINEAR_OPTIONS, type LinearModelOptions } from './linearModel';
import { PhraseRewriter } from './phraseRewriter';
import { DEFAULT_BLEND, type BlendWeights, IntentIndex, type IndexedPhrase, type IntentScore } from './scorer';
import { DEFAULT_SHORT_FORM, type ShortFormOptions, shortFormDamping, shortFormIntents, wordCount } from './shortForm';
import { allSynonymGroups } from './synonyms';
import { TextAnalyser } from './textAnalyser';
import { TypoRepairer } from './typoRepair';
import type { GlossaryEntry, Matcher, MatchResult, ScoredIntent, SynonymTable, TrainingExample } from './types';

/** Internal label of the out-of-scope phrasings; never returned to callers. */
export const OUT_OF_SCOPE_INTENT = '__out_of_scope__';

/** How many alternatives a result lists at most. */
const MAX_ALTERNATIVES = 3;
/** Alternatives below this confidence are noise, not worth offering. */
const MIN_ALTERNATIVE_CONFIDENCE = 0.05;

/** Internal knobs; the defaults are what the bot uses. Exposed for tests and the benchmark. */
export interface MatcherTuning {
  blend: BlendWeights;
  linear: LinearModelOptions;
  thresholds: DecisionThresholds;
  shortForm: ShortFormOptions;
  /**
   * Topics the matcher may only return as a confident, unambiguous answer (never as an
   * alternative or a clarify option). The safeguarding topic is owned by `checkForCrisis`; the
   * matcher only adds recall for phrasings the rules miss, at a high bar so ordinary worries
   * ("she hurt her leg") do not raise false alarms.
   */
  guardedIntents: Record<string, number>;
}

export const DEFAULT_TUNING: MatcherTuning = {
  blend: DEFAULT_BLEND,
  linear: DEFAULT_LINEAR_OPTIONS,
  thresholds: DEFAULT_THRESHOLDS,
  shortForm: DEFAULT_SHORT_FORM,
  guardedIntents: { 'safeguarding-crisis': 0.97 },
};

/** What `buildMatcher` needs. */
export interface MatcherInput {
  /** Training phrasings, one per topic utterance. */
  examples: readonly TrainingExample[];
  /** Glossary terms and aliases: extra known words for typo repair. */
  glossary?: readonly GlossaryEntry[];
  /** Out-of-scope phrasings: messages like these fall back. */
  outOfScope?: readonly string[];
  /** The synonyms table (abbreviations, text-speak, spellings). */
  synonyms?: Partial<SynonymTable>;
  /** Override internal knobs (tests, tuning). */
  tuning?: Partial<MatcherTuning>;
}

/** How often each word occurs in a list. */
function frequenciesOf(words: Iterable<string>): Map<string, number> {
  const frequencies = new Map<string, number>();
  for (const word of words) frequencies.set(word, (frequencies.get(word) ?? 0) + 1);
  return frequencies;
}

/**
 * The typo repairer: every word the matcher has seen counts as known, but only words of the
 * training phrasings, the out-of-scope list and the glossary are offered as repairs. Glossary
 * aliases include misspellings kept for the glossary's own lookups ("accesibility plan",
 * "liase"); a glossary-only word that is itself a repairable typo of a training word stays
 * unknown, so it is repaired like any other typo instead of shielding the parent's misspelling.
 *
 * @param trainingWords the words of the training phrasings and the out-of-scope list, as typed
 */
function typoRepairerFor(trainingWords: readonly string[], glossaryWords: readonly string[], rewriter: PhraseRewriter): TypoRepairer {
  const frequencies = frequenciesOf(trainingWords);
  const targets = new Set(frequencies.keys());
  for (const word of rewriter.vocabulary()) frequencies.set(word, (frequencies.get(word) ?? 0) + 1);
  // Edit distance alone decides whether a glossary word is a typo (no fuse.js index: it is built once more below).
  const withoutGlossary = new TypoRepairer(frequencies, STOPWORDS, { fuseMinLength: Number.POSITIVE_INFINITY }, targets);
  for (const [word, count] of frequenciesOf(glossaryWords)) {
    if (frequencies.has(word) || withoutGlossary.repair(word) !== null) continue;
    frequencies.set(word, count);
    targets.add(word);
  }
  return new TypoRepairer(frequencies, STOPWORDS, {}, targets);
}

/**
 * Builds a matcher from training phrasings and the matching content.
 *
 * @example
 * const matcher = buildMatcher({ examples: [{ intent: 'role-of-senco', text: 'who is the senco' }, ...], outOfScope, synonyms });
 * matcher.classify('wots a sendco') // { decision: 'answer', intent: 'role-of-senco', confidence: 0.93, alternatives: [...] }
 */
export function buildMatcher(input: MatcherInput): Matcher {
  const tuning: MatcherTuning = {
    ...DEFAULT_TUNING,
    ...input.tuning,
    thresholds: { ...DEFAULT_THRESHOLDS, ...input.tuning?.thresholds },
  };
  const rewriter = new PhraseRewriter(input.synonyms ? allSynonymGroups(input.synonyms) : []);
  const wholeMessages = new PhraseRewriter(input.synonyms?.wholeMessage ?? []);
  // Training phrasings are never typo-repaired, so they are read before the repairer exists; their
  // words, as typed, are the repairer's vocabulary.
  const phraseReader = new TextAnalyser(rewriter, undefined, wholeMessages);
  const trainingWords: string[] = [];
  const phrases: IndexedPhrase[] = input.examples.map((example) => ({
    intent: example.intent,
    features: phraseReader.analyseTrainingPhrase(example.text, trainingWords),
  }));
  for (const text of input.outOfScope ?? []) {
    phrases.push({ intent: OUT_OF_SCOPE_INTENT, features: phraseReader.analyseTrainingPhrase(text, trainingWords) });
  }
  const glossaryWords = (input.glossary ?? []).flatMap((entry) => [entry.term, ...entry.aliases]).flatMap((text) => phraseReader.plainWords(text));
  const analyser = new TextAnalyser(rewriter, typoRepairerFor(trainingWords, glossaryWords, rewriter), wholeMessages);
  const usable = phrases.filter((phrase) => phrase.features.size > 0);
  const index = new IntentIndex(usable, tuning.blend, tuning.linear, new Set([OUT_OF_SCOPE_INTENT]));
  const shortForm = shortFormIntents(usable, tuning.shortForm);
  const intents = index.intents.filter((intent) => intent !== OUT_OF_SCOPE_INTENT);

  /** Scores with short-form damping applied, best first, the chance of out of scope, and the message's word count. */
  const rank = (text: string): { scores: IntentScore[]; outOfScopeProbability: number; words: number } => {
    const features = analyser.analyseMessage(text);
    const words = wordCount(features);
    const damping = shortFormDamping(words, tuning.shortForm);
    const { scores, outOfScope: outOfScopeProbability } = index.rank(features);
    if (damping < 1) {
      for (const score of scores) if (shortForm.has(score.intent)) score.combined *= damping;
      scores.sort((a, b) => b.combined - a.combined);
    }
    return { scores, outOfScopeProbability, words };
  };

  /**
   * Guarded topics (the safeguarding one) leave the ranking unless they win outright with a
   * confidence at or above their gate; then they are the answer.
   */
  const applyGuards = (inScope: IntentScore[]): { ranking: IntentScore[]; guardedWin: boolean } => {
    const top = inScope[0];
    const gate = top ? tuning.guardedIntents[top.intent] : undefined;
    if (top !== undefined && gate !== undefined && toConfidence(top.combined) >= gate) {
      return { ranking: [top, ...inScope.slice(1).filter((score) => tuning.guardedIntents[score.intent] === undefined)], guardedWin: true };
    }
    return { ranking: inScope.filter((score) => tuning.guardedIntents[score.intent] === undefined), guardedWin: false };
  };

  return {
    intents,
    classify(text: string): MatchResult {
      const { scores, outOfScopeProbability, words } = rank(text);
      const outOfScope = scores.find((score) => score.intent === OUT_OF_SCOPE_INTENT);
      const { ranking, guardedWin } = applyGuards(scores.filter((score) => score.intent !== OUT_OF_SCOPE_INTENT));
      const decision = guardedWin ? 'answer' : decide(ranking, outOfScope, tuning.thresholds, words, outOfScopeProbability);
      const ranked: ScoredIntent[] = ranking
        .slice(0, MAX_ALTERNATIVES + 1)
        .map((score) => ({ intent: score.intent, confidence: toConfidence(score.combined) }));
      const best = ranked[0];
      if (decision === 'fallback' || best === undefined) {
        // The nearest topics, for "did you mean...?" buttons on the fallback reply.
        return {
          decision: 'fallback',
          intent: null,
          confidence: best?.confidence ?? 0,
          alternatives: ranked.filter((candidate) => candidate.confidence >= MIN_ALTERNATIVE_CONFIDENCE).slice(0, MAX_ALTERNATIVES),
        };
      }
      return {
        decision,
        intent: best.intent,
        confidence: best.confidence,
        alternatives: ranked.slice(1).filter((candidate) => candidate.confidence >= MIN_ALTERNATIVE_CONFIDENCE),
      };
    },
  };
}
