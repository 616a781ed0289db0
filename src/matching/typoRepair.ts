/**
 * Repairs single-word typos against the matcher's known vocabulary ("catagory" -> "category").
 *
 * A word is only repaired when it is unknown, at least `minLength` letters long, and a known word
 * with the same first letter is within a small edit distance (1, or 2 for long words). Parents'
 * typos rarely hit the first letter, and the rule keeps real words the training never used
 * ("three", "cinema") from being "repaired" into unrelated ones. Long words that are further off
 * ("phsycolagist") go to fuse.js, which scores fuzzy matches of short strings well. Results are
 * cached per word.
 */
import Fuse from 'fuse.js';
import { boundedEditDistance } from './editDistance';

/** Tuning knobs, with the values the matcher uses. */
export interface TypoRepairOptions {
  /** Words shorter than this are left alone: too many real words sit one edit apart. */
  minLength: number;
  /** Longer "words" are not words (pasted links, keyboard mashing): left alone, and fuse.js never sees them. */
  maxLength: number;
  /** Words at least this long may be two edits away. */
  twoEditLength: number;
  /**
   * Below this length a repair must add, drop or swap letters, not change one: changing a letter
   * turns too many real words into other real words ("police" -> "policy", "simple" -> "sample").
   */
  substitutionMinLength: number;
  /** Words at least this long may go to fuse.js when edit distance finds nothing. */
  fuseMinLength: number;
  /** A fuse.js suggestion is only taken within this edit distance (fuse alone is too generous). */
  fuseMaxDistance: number;
  /** fuse.js score cut-off (0 exact .. 1 anything). */
  fuseThreshold: number;
  /** Cache size before it is cleared (bounded memory in a long-running bot). */
  cacheLimit: number;
}

const DEFAULT_OPTIONS: TypoRepairOptions = {
  minLength: 6,
  maxLength: 30,
  twoEditLength: 9,
  substitutionMinLength: 8,
  fuseMinLength: 10,
  fuseMaxDistance: 3,
  fuseThreshold: 0.3,
  cacheLimit: 20_000,
};

/** True when `b` is `a` with two neighbouring letters swapped. */
function isTransposition(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let first = -1;
  for (let i = 0; i < a.length; i++) {
    if (a[i] === b[i]) continue;
    if (first !== -1) return i === first + 1 && a[first] === b[i] && a[i] === b[first] && a.slice(i + 1) === b.slice(i + 1);
    first = i;
  }
  return false;
}

/** Finds the closest known word for an unknown one. */
export class TypoRepairer {
  private readonly options: TypoRepairOptions;
  private readonly known: ReadonlyMap<string, number>;
  /** Known words grouped by first letter. */
  private readonly byFirstLetter = new Map<string, string[]>();
  /** fuse.js indexes of the long known words, by first letter. */
  private readonly fuseByFirstLetter = new Map<string, Fuse<string>>();
  private readonly cache = new Map<string, string | null>();

  /**
   * @param wordFrequencies known words and how often they occur (ties go to the commoner word)
   * @param protectedWords never offered as a repair (stopwords: repairing into them is pointless)
   * @param repairTargets when given, only these known words are offered as repairs (rare spellings
   *   from the synonyms table, such as "continence", are known but make poor targets: "confidence")
   */
  constructor(
    wordFrequencies: ReadonlyMap<string, number>,
    protectedWords: ReadonlySet<string> = new Set(),
    options: Partial<TypoRepairOptions> = {},
    repairTargets?: ReadonlySet<string>,
  ) {
    this.options = { ...DEFAULT_OPTIONS, ...options };
    this.known = wordFrequencies;
    const longWords = new Map<string, string[]>();
    for (const word of wordFrequencies.keys()) {
      if (word.length < this.options.minLength - 1 || /\d/.test(word) || protectedWords.has(word)) continue;
      if (repairTargets !== undefined && !repairTargets.has(word)) continue;
      const first = word[0] as string;
      this.listFor(this.byFirstLetter, first).push(word);
      if (word.length >= this.options.fuseMinLength - 1) this.listFor(longWords, first).push(word);
    }
    for (const [first, words] of longWords) {
      this.fuseByFirstLetter.set(first, new Fuse(words, { includeScore: true, threshold: this.options.fuseThreshold, ignoreLocation: true }));
    }
  }

  private listFor(map: Map<string, string[]>, key: string): string[] {
    let list = map.get(key);
    if (list === undefined) map.set(key, (list = []));
    return list;
  }

  /**
   * The repaired word, or null when the word is known, too short, or has no close match.
   *
   * @example repairer.repair('catagory') // 'category'
   */
  repair(word: string): string | null {
    if (this.known.has(word) || word.length < this.options.minLength || word.length > this.options.maxLength || /[^a-z]/.test(word)) return null;
    const cached = this.cache.get(word);
    if (cached !== undefined) return cached;
    const repaired = this.byEditDistance(word) ?? this.byFuse(word);
    if (this.cache.size >= this.options.cacheLimit) this.cache.clear();
    this.cache.set(word, repaired);
    return repaired;
  }

  private byEditDistance(word: string): string | null {
    const limit = word.length >= this.options.twoEditLength ? 2 : 1;
    let best: string | null = null;
    let bestDistance = limit + 1;
    let bestFrequency = -1;
    const substitutionsAllowed = word.length >= this.options.substitutionMinLength;
    for (const candidate of this.byFirstLetter.get(word[0] as string) ?? []) {
      if (!substitutionsAllowed && candidate.length === word.length && !isTransposition(word, candidate)) continue;
      const distance = boundedEditDistance(word, candidate, limit);
      // Two changed letters in a same-length word is more often another real word than a typo.
      if (distance === 2 && candidate.length === word.length) continue;
      const frequency = this.known.get(candidate) ?? 0;
      if (distance < bestDistance || (distance === bestDistance && distance <= limit && frequency > bestFrequency)) {
        best = candidate;
        bestDistance = distance;
        bestFrequency = frequency;
      }
    }
    return bestDistance <= limit ? best : null;
  }

  private byFuse(word: string): string | null {
    if (word.length < this.options.fuseMinLength) return null;
    const hit = this.fuseByFirstLetter.get(word[0] as string)?.search(word, { limit: 1 })[0];
    if (hit === undefined || (hit.score ?? 1) > this.options.fuseThreshold) return null;
    // "confidence" is not a typo of "confidential": check the real distance.
    return boundedEditDistance(word, hit.item, this.options.fuseMaxDistance) <= this.options.fuseMaxDistance ? hit.item : null;
  }
}
