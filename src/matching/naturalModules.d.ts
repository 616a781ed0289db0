/**
 * Types for the few `natural` submodules the matcher loads by path. Loading `natural` itself
 * costs ~0.9 s, pulls in database clients and runs dotenv (which prints to stdout), so the
 * matcher never imports the package root (see shared/spec/pitfalls.md).
 */
declare module 'natural/lib/natural/stemmers/porter_stemmer' {
  const PorterStemmer: { stem(token: string): string };
  export = PorterStemmer;
}

declare module 'natural/lib/natural/tokenizers/regexp_tokenizer' {
  export class WordTokenizer {
    tokenize(text: string): string[];
  }
}

declare module 'natural/lib/natural/distance/levenshtein_distance' {
  export function DamerauLevenshteinDistance(source: string, target: string, options?: { transposition_cost?: number; restricted?: boolean }): number;
}
