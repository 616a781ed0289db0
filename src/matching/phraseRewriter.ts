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

  /**
   * @param groups rewrite groups; a group's own `to` phrase is also kept as is, so a longer
   *   canonical phrase ("speech and language therapist") is not cut by a shorter variant.
   */
  constructor(groups: readonly SynonymGroup[]) {
    for (const group of groups) {
      const target = phraseTokens(group.to);
      for (const variant of [group.to, ...group.from]) this.add(phraseTokens(variant), target);
    }
  }

  private add(variant: string[], target: string[]): void {
    const first = variant[0];
    if (first === undefined) return;
    const key = variant.join(' ');
    if (!this.targets.has(key)) this.targets.set(key, target);
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
