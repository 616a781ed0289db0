/**
 * The intent matcher: classifies a parent's message into a topic id with a confidence.
 *
 * Pure and synchronous, no botbuilder. Build it once at start-up (tens of milliseconds) and call
 * `classify` per message (well under a millisecond). The bot runs `checkForCrisis` first.
 */
import { DEFAULT_THRESHOLDS, type DecisionThresholds, decide, toConfidence } from './calibration';
import { PhraseRewriter } from './phraseRewriter';
import { IntentIndex, type IndexedPhrase } from './scorer';
import { allSynonymGroups } from './synonyms';
import { STOPWORDS } from './features';
import { TextAnalyser } from './textAnalyser';
import { TypoRepairer } from './typoRepair';
import type { GlossaryEntry, Matcher, MatchResult, ScoredIntent, SynonymGroup, SynonymTable, TrainingExample } from './types';

/** Internal label of the out-of-scope phrasings; never returned to callers. */
export const OUT_OF_SCOPE_INTENT = '__out_of_scope__';

/** How many alternatives a result lists at most. */
const MAX_ALTERNATIVES = 3;
/** Alternatives below this confidence are noise, not worth offering. */
const MIN_ALTERNATIVE_CONFIDENCE = 0.05;

/** What `buildMatcher` needs. */
export interface MatcherInput {
  /** Training phrasings, one per topic utterance. */
  examples: readonly TrainingExample[];
  /** Glossary terms and aliases: extra known words for typo repair. */
  glossary?: readonly GlossaryEntry[];
  /** Out-of-scope phrasings: messages like these fall back. */
  outOfScope?: readonly string[];
  /** The synonyms table (abbreviations, text-speak, spellings). */
  synonyms?: Partial<SynonymTable> & { synonyms?: SynonymGroup[] };
  /** Override decision thresholds (tests, tuning). */
  thresholds?: Partial<DecisionThresholds>;
}

/** Known words and their frequencies: the typo repairer's dictionary. */
function vocabularyOf(analyser: TextAnalyser, texts: Iterable<string>, rewriter: PhraseRewriter): Map<string, number> {
  const frequencies = new Map<string, number>();
  const count = (word: string): void => {
    frequencies.set(word, (frequencies.get(word) ?? 0) + 1);
  };
  for (const text of texts) analyser.plainWords(text).forEach(count);
  rewriter.vocabulary().forEach(count);
  return frequencies;
}

/**
 * Builds a matcher from training phrasings and the matching content.
 *
 * @example
 * const matcher = buildMatcher({ examples: [{ intent: 'role-of-senco', text: 'who is the senco' }, ...], outOfScope, synonyms });
 * matcher.classify('wots a sendco') // { decision: 'answer', intent: 'role-of-senco', confidence: 0.93, alternatives: [...] }
 */
export function buildMatcher(input: MatcherInput): Matcher {
  const rewriter = new PhraseRewriter(input.synonyms ? allSynonymGroups(input.synonyms) : []);
  const plainAnalyser = new TextAnalyser(rewriter);
  const glossaryTexts = (input.glossary ?? []).flatMap((entry) => [entry.term, ...entry.aliases]);
  const vocabulary = vocabularyOf(
    plainAnalyser,
    [...input.examples.map((example) => example.text), ...(input.outOfScope ?? []), ...glossaryTexts],
    rewriter,
  );
  const analyser = new TextAnalyser(rewriter, new TypoRepairer(vocabulary, STOPWORDS));

  const phrases: IndexedPhrase[] = input.examples.map((example) => ({
    intent: example.intent,
    features: analyser.analyseTrainingPhrase(example.text),
  }));
  for (const text of input.outOfScope ?? []) {
    phrases.push({ intent: OUT_OF_SCOPE_INTENT, features: analyser.analyseTrainingPhrase(text) });
  }
  const index = new IntentIndex(phrases.filter((phrase) => phrase.features.size > 0));
  const thresholds: DecisionThresholds = { ...DEFAULT_THRESHOLDS, ...input.thresholds };
  const intents = index.intents.filter((intent) => intent !== OUT_OF_SCOPE_INTENT);

  return {
    intents,
    classify(text: string): MatchResult {
      const scores = index.score(analyser.analyseMessage(text));
      const inScope = scores.filter((score) => score.intent !== OUT_OF_SCOPE_INTENT);
      const outOfScope = scores.find((score) => score.intent === OUT_OF_SCOPE_INTENT);
      const decision = decide(inScope, outOfScope, thresholds);
      const ranked: ScoredIntent[] = inScope
        .slice(0, MAX_ALTERNATIVES + 1)
        .map((score) => ({ intent: score.intent, confidence: toConfidence(score.combined) }));
      const best = ranked[0];
      if (decision === 'fallback' || best === undefined) {
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
