import type { Content } from './loader';
import type { AreaPack, GlossaryEntry, SourceRef, Topic } from './types';

/** The area id used for a parent outside every area that has its own pack. */
export const OTHER_AREA = 'other';

/** The answer for a topic in an area: the area pack's own version if it has one, else the national one. */
export function topicFor(content: Content, id: string, areaId: string): Topic | undefined {
  return content.areas.get(areaId)?.topics.get(id) ?? content.national.get(id);
}

/** Every topic id that has an answer anywhere. */
export function topicIds(content: Content): string[] {
  const ids = new Set(content.national.keys());
  for (const area of content.areas.values()) for (const id of area.topics.keys()) ids.add(id);
  return [...ids].sort();
}

/** The area pack for an id, falling back to the pack for parents elsewhere. */
export function areaFor(content: Content, areaId: string | undefined): AreaPack {
  const pack = (areaId && content.areas.get(areaId)) || content.areas.get(OTHER_AREA) || content.areas.values().next().value;
  if (!pack) throw new Error('[content]: no area packs loaded');
  return pack;
}

/** Human-readable citation for one source, e.g. "SEND Code of Practice, paragraph 6.45". */
export function citeSource(content: Content, source: SourceRef): string {
  const doc = content.sources[source.doc];
  if (!doc) return source.doc;
  // "6.45" reads as "paragraph 6.45"; refs that name their own kind ("s.36(1)", "reg 13") stand alone.
  if (source.ref && doc.cite && /^\d/.test(source.ref)) return `${doc.cite} ${source.ref}`.replace(/\s+,/g, ',');
  if (source.ref) return `${doc.title}, ${source.ref}`;
  return doc.title;
}

/** Finds a glossary entry by its term or any alias, ignoring case and punctuation. */
export function findGlossaryEntry(glossary: GlossaryEntry[], phrase: string): GlossaryEntry | undefined {
  const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9 ]+/g, ' ').replace(/\s+/g, ' ').trim();
  const wanted = norm(phrase);
  if (!wanted) return undefined;
  return glossary.find((g) => norm(g.term) === wanted || g.id === wanted.replace(/ /g, '-') || g.aliases.some((a) => norm(a) === wanted));
}
