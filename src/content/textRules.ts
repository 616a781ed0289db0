/** Plain-text measurements the content check applies to answers. Pure, so they can be unit tested. */

export const LIMITS = {
  answerWords: { min: 20, max: 130 },
  moreWords: { min: 40, max: 300 },
  averageSentenceWords: 20,
  answerGrade: 10,
} as const;

/** Strips Markdown so words and sentences are counted as a reader sees them. */
export function plainText(markdown: string): string {
  return markdown
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_`#>]/g, '')
    .replace(/^\s*[-•]\s+/gm, '')
    .replace(/\{[a-zA-Z]+\}/g, 'Liaise')
    .replace(/\s+/g, ' ')
    .trim();
}

export function wordCount(markdown: string): number {
  const t = plainText(markdown);
  return t ? t.split(' ').length : 0;
}

/** Sentences, counting each list item as one; bullets without a full stop still end a sentence. */
export function sentences(markdown: string): string[] {
  return markdown
    .split(/\n+/)
    .flatMap((line) => plainText(line).split(/(?<=[.!?])\s+(?=[A-Z0-9"'(])/))
    .map((s) => s.trim())
    .filter((s) => s.split(' ').length >= 1 && s.length > 0);
}

export function averageSentenceWords(markdown: string): number {
  const list = sentences(markdown);
  if (!list.length) return 0;
  return list.reduce((n, s) => n + s.split(' ').length, 0) / list.length;
}

/** Numbers parents may be given that are not ordinary 10 or 11 digit UK numbers. */
const SHORT_NUMBERS = new Set(['999', '111', '116123', '85258', '08001111', '18000']);

/** Phone-like runs of digits that are not well-formed UK numbers. */
export function malformedPhoneNumbers(text: string): string[] {
  const bad: string[] = [];
  for (const m of text.matchAll(/(?<![\w.\/-])(\+?\d[\d ]{4,}\d)(?![\w\/-])/g)) {
    const raw = m[1].trim();
    const digits = raw.replace(/\D/g, '');
    if (SHORT_NUMBERS.has(digits)) continue;
    if (/^(19|20)\d\d$/.test(digits)) continue;
    const looksLikePhone = digits.startsWith('0') || raw.startsWith('+44');
    if (!looksLikePhone) continue;
    const national = raw.startsWith('+44') ? `0${digits.slice(2)}` : digits;
    if (national.length < 10 || national.length > 11) bad.push(raw);
  }
  return bad;
}

/** Links that are not complete https addresses. */
export function malformedLinks(text: string): string[] {
  const bad: string[] = [];
  const candidates = [...text.matchAll(/\]\(([^)]*)\)/g)].map((m) => m[1]);
  candidates.push(...[...text.matchAll(/(?<!\()\b((?:https?:\/\/|www\.)[^\s)>\]]+)/g)].map((m) => m[1]));
  for (const raw of candidates) {
    const link = raw.replace(/[.,;:]+$/, '');
    if (link.startsWith('#') || link.startsWith('mailto:') || link.startsWith('tel:')) continue;
    try {
      const url = new URL(link);
      if (url.protocol !== 'https:' || !url.hostname.includes('.')) bad.push(link);
    } catch {
      bad.push(link);
    }
  }
  return bad;
}

/** Email-like words that are not well-formed addresses. */
export function malformedEmails(text: string): string[] {
  return [...text.matchAll(/[^\s<>()[\]]*@[^\s<>()[\]]*/g)]
    .map((m) => m[0].replace(/[.,;:]+$/, ''))
    .filter((e) => !/^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/.test(e));
}
