import type { AreaPack, GlossaryEntry } from './types';

/** Placeholders an answer may use, filled from the parent's area pack. */
export const AREA_PLACEHOLDERS = ['service', 'serviceContact', 'localOffer', 'area'] as const;

export function areaVariables(area: AreaPack): Record<string, string> {
  return { service: area.service.name, serviceContact: area.service.contact, localOffer: area.localOffer, area: area.name };
}

/** Replaces `{name}` with its value; unknown names are left as they are so a fault stays visible. */
export function fill(text: string, vars: Record<string, string | number | undefined>): string {
  return text.replace(/\{([a-zA-Z][a-zA-Z0-9]*)\}/g, (whole, name: string) => {
    const value = vars[name];
    return value === undefined ? whole : String(value);
  });
}

/** Names of the `{placeholders}` in a text. */
export function placeholdersIn(text: string): string[] {
  return [...text.matchAll(/\{([^{}\s]*)\}/g)].map((m) => m[1]);
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Links the first appearance of each listed glossary term to the glossary page, so a parent can look
 * up a word where they first meet it. Leaves text inside existing links alone.
 */
/** Compiled patterns per glossary entry and name; entries are immutable once loaded. */
const termPatterns = new WeakMap<GlossaryEntry, Array<{ length: number; re: RegExp }>>();
function patternsFor(entry: GlossaryEntry): Array<{ length: number; re: RegExp }> {
  let patterns = termPatterns.get(entry);
  if (!patterns) {
    patterns = [entry.term, ...entry.aliases]
      .filter((n) => n.length >= 2)
      .map((name) => ({ length: name.length, re: new RegExp(`(^|[^\\w\\[/#-])(${escapeRegExp(name)})(?![\\w\\]])`, 'gi') }));
    termPatterns.set(entry, patterns);
  }
  return patterns;
}

/** True when `index` falls inside the text or target of a Markdown link already in `text`. */
function insideLink(text: string, index: number): boolean {
  const before = text.slice(0, index);
  return before.lastIndexOf('[') > before.lastIndexOf(']') || before.lastIndexOf('](') > before.lastIndexOf(')');
}

/**
 * Links the first appearance of each listed glossary term to the glossary page, so a parent can look
 * up a word where they first meet it. Longer names go first, so "EHC needs assessment" is linked as
 * itself rather than its "EHC" being taken for another term; text already in a link is left alone.
 */
export function linkGlossaryTerms(text: string, entries: GlossaryEntry[], glossaryUrl: string | undefined): string {
  if (!glossaryUrl) return text;
  const names = entries.flatMap((entry) => patternsFor(entry).map((p) => ({ entry, ...p }))).sort((a, b) => b.length - a.length);
  const linked = new Set<string>();
  let out = text;
  for (const { entry, re } of names) {
    if (linked.has(entry.id)) continue;
    re.lastIndex = 0;
    for (let m = re.exec(out); m; m = re.exec(out)) {
      const start = m.index + m[1].length;
      if (insideLink(out, start)) continue;
      out = `${out.slice(0, start)}[${m[2]}](${glossaryUrl}#${entry.id})${out.slice(start + m[2].length)}`;
      linked.add(entry.id);
      break;
    }
  }
  return out;
}

/** Escapes text a parent typed before it is echoed inside a Markdown reply. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+!|<>~]/g, (c) => `\\${c}`).replace(/\s+/g, ' ').trim();
}
