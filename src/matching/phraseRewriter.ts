/**
 * Rewrites word sequences using the synonyms table: "ed psych" -> "educational psychologist",
 * "ehcp" -> "ehc plan", "u" -> "you". Longest phrase wins, one left-to-right pass.
 */
import { tokenise } from './normalise';
import type { SynonymGroup } from './types';

/** Token form of a phrase, as the matcher sees it ("co-ordinator" -> ["co", "ordinator"]). */
export function phraseTokens(phrase: string): string[] {
  return tokenise(phrase.toLowerCase().replace(/'/g, ''));
}

/** A compiled phrase table. */
export class PhraseRewriter {
  /** "ed psych" -> ["educational", "psychologist"] */
  private readonly targets = new Map<string, string[]>();
  /** Longest phrase length that starts with a given first token (skips most lookups). */
  private readonly longestFrom = new Map<string, number>();
  /** Most word characters in any phrase: a longer text cannot be a whole phrase. */
  private mostWordChars = 0;

  /**
   * @param groups rewrite groups. A group's own `to` phrase is kept as it is (so a longer canonical
   *   phrase such as "speech and language therapist" is not cut by a shorter variant), unless another
   *   group rewrites it: then chains resolve ("suport" -> "support" -> "help").
   */
  constructor(groups: readonly SynonymGroup[]) {
    for (const group of groups) {
      for (const variant of group.from) this.add(phraseTokens(variant), phraseTokens(group.to));
    }
    for (const group of groups) this.add(phraseTokens(group.to), phraseTokens(group.to));
    // Resolve chains: rewrite every target with the table itself (a few rounds; cycles just stop).
    for (let round = 0; round < 3; round++) {
      for (const [key, target] of this.targets) this.targets.set(key, this.rewrite(target));
    }
  }

  private add(variant: string[], target: string[]): void {
    const first = variant[0];
    if (first === undefined) return;
    const key = variant.join(' ');
    if (this.targets.has(key)) return;
    this.targets.set(key, target);
    this.mostWordChars = Math.max(this.mostWordChars, key.length - (variant.length - 1));
    this.longestFrom.set(first, Math.max(this.longestFrom.get(first) ?? 0, variant.length));
  }

  /** Every word that appears on either side of the table (used as known vocabulary). */
  vocabulary(): Set<string> {
    const words = new Set<string>();
    for (const [key, target] of this.targets) {
      for (const word of key.split(' ')) words.add(word);
      for (const word of target) words.add(word);
    }
    return words;
  }

  /**
   * False when a text has more word characters (the ones the tokeniser keeps: Latin and Cyrillic letters, digits, underscore)
   * than any phrase of the table, so it cannot be one: most texts are, and this saves tokenising them.
   */
  mightBeWhole(text: string): boolean {
    let wordChars = 0;
    for (let i = 0; i < text.length; i++) {
      if (/[A-Za-zА-Яа-я0-9_]/.test(text[i] as string) && ++wordChars > this.mostWordChars) return false;
    }
    return true;
  }

  /**
   * The target when the tokens, all of them, are one of the table's phrases; otherwise undefined.
   *
   * @example new PhraseRewriter([{to: 'thanks', from: ['ta']}]).rewriteWhole(['ta']) // ['thanks']
   */
  rewriteWhole(tokens: readonly string[]): string[] | undefined {
    return this.targets.get(tokens.join(' '));
  }

  /**
   * @example new PhraseRewriter([{to: 'senco', from: ['sendco']}]).rewrite(['the','sendco']) // ['the','senco']
   */
  rewrite(tokens: readonly string[]): string[] {
    const out: string[] = [];
    let i = 0;
    while (i < tokens.length) {
      const longest = Math.min(this.longestFrom.get(tokens[i] as string) ?? 0, tokens.length - i);
      // Grow the key one word at a time and remember the longest phrase that matched.
      let key = '';
      let matchLength = 0;
      let matchTarget: string[] | undefined;
      for (let length = 1; length <= longest; length++) {
        key = length === 1 ? (tokens[i] as string) : `${key} ${tokens[i + length - 1] as string}`;
        const target = this.targets.get(key);
        if (target !== undefined) {
          matchLength = length;
          matchTarget = target;
        }
      }
      if (matchTarget === undefined) {
        out.push(tokens[i++] as string);
      } else {
        out.push(...matchTarget);
        i += matchLength;
      }
    }
    return out;
  }
}
