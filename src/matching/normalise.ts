/**
 * First step of reading a message: clean the characters, split it into sentences and words.
 * Word-level rewriting (abbreviations, text-speak, typos) happens later, on the tokens.
 */
import { WordTokenizer } from 'natural/lib/natural/tokenizers/regexp_tokenizer';

const wordTokenizer = new WordTokenizer();

/** One sentence of a message, as tokens, and whether it reads as the question. */
export interface Sentence {
  tokens: string[];
  isQuestion: boolean;
}

/** Words that open a question even when the parent leaves out the question mark. */
const QUESTION_OPENERS = new Set([
  'what', 'whats', 'wot', 'wat', 'how', 'who', 'whos', 'where', 'wheres', 'when', 'why', 'which', 'can', 'could',
  'should', 'shall', 'do', 'does', 'did', 'is', 'are', 'am', 'will', 'would', 'has', 'have', 'any', 'anyone',
  'pls', 'please', 'help', 'explain', 'tell', 'r', 'wht',
]);

/**
 * Lower-cases, unifies quotes, drops apostrophes inside words ("what's" -> "whats", "son's" -> "sons")
 * and folds US "-ize" spellings into British "-ise", which the stemmer would otherwise keep apart.
 *
 * @example cleanText("What's an EHCP? He's recognized...") // "whats an ehcp? hes recognised..."
 */
export function cleanText(text: string): string {
  // Each step runs only when its characters are there: this runs on every training phrasing at
  // start-up, and most text is plain ASCII without apostrophes.
  let cleaned = text.toLowerCase();
  if (NON_ASCII.test(cleaned)) {
    cleaned = cleaned
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[\u2018\u2019\u02bc´]/g, "'");
  }
  if (cleaned.includes('`')) cleaned = cleaned.replace(/`/g, "'");
  if (cleaned.includes("'")) cleaned = cleaned.replace(/(\w)'(\w)/g, '$1$2').replace(/'/g, ' ');
  if (cleaned.includes('iz')) cleaned = cleaned.replace(/\b([a-z]{3,24})iz(e|es|ed|ing|ation|ations)\b/g, '$1is$2');
  if (cleaned.includes('yz')) cleaned = cleaned.replace(/\b([a-z]{2,24})yz(e|es|ed|ing)\b/g, '$1ys$2');
  return cleaned;
}

const NON_ASCII = /[^\x00-\x7f]/;

/** Splits word characters apart (natural's WordTokenizer: splits on anything that is not a letter or digit). */
export function tokenise(text: string): string[] {
  return wordTokenizer.tokenize(text).filter((token) => token.length > 0);
}

/**
 * Splits cleaned text into sentences and tokenises each. A sentence is a question when it ends
 * with "?" or opens with a question word; parents often leave the "?" off.
 *
 * @example splitSentences("we moved. what is the local offer?") // [{tokens:[we,moved]...}, {tokens:[what,is,...], isQuestion:true}]
 */
export function splitSentences(cleaned: string): Sentence[] {
  const sentences: Sentence[] = [];
  // Keep the terminator with the sentence so "?" can mark it as the question.
  for (const piece of cleaned.split(/(?<=[.!?\n;])\s*/)) {
    const tokens = tokenise(piece);
    if (tokens.length === 0) continue;
    const isQuestion = piece.trimEnd().endsWith('?') || QUESTION_OPENERS.has(tokens[0] ?? '');
    sentences.push({ tokens, isQuestion });
  }
  return sentences;
}
