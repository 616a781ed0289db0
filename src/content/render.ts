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
/** Compiled patterns per glossary entry, longest name first; entries are immutable once loaded. */
const termPatterns = new WeakMap<GlossaryEntry, RegExp[]>();
function patternsFor(entry: GlossaryEntry): RegExp[] {
  let patterns = termPatterns.get(entry);
  if (!patterns) {
    patterns = [entry.term, ...entry.aliases]
      .filter((n) => n.length >= 2)
      .sort((a, b) => b.length - a.length)
      .map((name) => new RegExp(`(^|[^\\w\\[/#-])(${escapeRegExp(name)})(?![\\w\\]])`, 'i'));
    termPatterns.set(entry, patterns);
  }
  return patterns;
}

export function linkGlossaryTerms(text: string, entries: GlossaryEntry[], glossaryUrl: string | undefined): string {
  if (!glossaryUrl) return text;
  let out = text;
  for (const entry of entries) {
    for (const re of patternsFor(entry)) {
      const m = re.exec(out);
      if (!m) continue;
      // Skip a match that sits inside an existing Markdown link.
      const before = out.slice(0, m.index);
      if (before.lastIndexOf('[') > before.lastIndexOf(']')) continue;
      const start = m.index + m[1].length;
      out = `${out.slice(0, start)}[${m[2]}](${glossaryUrl}#${entry.id})${out.slice(start + m[2].length)}`;
      break;
    }
  }
  return out;
}

/** Escapes text a parent typed before it is echoed inside a Markdown reply. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+!|<>~]/g, (c) => `\\${c}`).replace(/\s+/g, ' ').trim();
}
