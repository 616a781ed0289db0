/**
 * The matcher's own reader of training phrasings: the `utterances:` (and `title`) of every
 * content/topics/*.md and content/areas/<area>/topics/*.md, plus content/glossary.yml.
 * Reads only the YAML front matter (between the first two `---` lines); the answer text is not needed.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type { GlossaryEntry, TrainingExample } from './types';

const frontMatterSchema = z
  .object({
    id: z.string().min(1),
    title: z.string().optional(),
    utterances: z.array(z.string()).default([]),
  })
  .passthrough();

const glossaryEntrySchema = z
  .object({
    id: z.string().min(1),
    term: z.string().min(1),
    aliases: z.array(z.string()).default([]),
  })
  .passthrough();

const glossarySchema = z.union([
  z.array(glossaryEntrySchema),
  z.object({ terms: z.array(glossaryEntrySchema) }).passthrough().transform((file) => file.terms),
  z.object({ glossary: z.array(glossaryEntrySchema) }).passthrough().transform((file) => file.glossary),
]);

/** The text between the first two `---` lines of a Markdown file, or null when there is none. */
export function frontMatterOf(markdown: string): string | null {
  const lines = markdown.split(/\r?\n/);
  const first = lines.findIndex((line) => line.trim() === '---');
  if (first === -1) return null;
  const second = lines.findIndex((line, index) => index > first && line.trim() === '---');
  return second === -1 ? null : lines.slice(first + 1, second).join('\n');
}

/** Every topic file: content/topics/*.md and content/areas/<area>/topics/*.md. */
export function topicFiles(contentDir: string): string[] {
  const markdownIn = (dir: string): string[] =>
    existsSync(dir) ? readdirSync(dir).filter((name) => name.endsWith('.md')).sort().map((name) => join(dir, name)) : [];
  const areasDir = join(contentDir, 'areas');
  const areas = existsSync(areasDir) ? readdirSync(areasDir, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort() : [];
  return [...markdownIn(join(contentDir, 'topics')), ...areas.flatMap((area) => markdownIn(join(areasDir, area, 'topics')))];
}

/** Options of `readTrainingExamples`. */
export interface TrainingReadOptions {
  /** Also learn each topic's title as a phrasing (default true). */
  includeTitles?: boolean;
}

/** The parts of a topic the matcher learns from. */
export interface TopicPhrasings {
  id: string;
  title?: string;
  utterances: readonly string[];
}

/**
 * Training examples from topics: each utterance, plus the title unless `includeTitles` is false.
 * The same phrasing for the same id (two area packs) counts once.
 *
 * @example examplesFromTopics([{ id: 'role-of-senco', title: 'The SENCO', utterances: ['who is the senco'] }])
 */
export function examplesFromTopics(topics: Iterable<TopicPhrasings>, options: TrainingReadOptions = {}): TrainingExample[] {
  const includeTitles = options.includeTitles ?? true;
  const seen = new Set<string>();
  const examples: TrainingExample[] = [];
  const add = (intent: string, text: string): void => {
    const trimmed = text.trim();
    const key = `${intent}\u0000${trimmed.toLowerCase()}`;
    if (trimmed.length === 0 || seen.has(key)) return;
    seen.add(key);
    examples.push({ intent, text: trimmed });
  };
  for (const topic of topics) {
    if (includeTitles && topic.title) add(topic.id, topic.title);
    for (const utterance of topic.utterances) add(topic.id, utterance);
  }
  return examples;
}

/**
 * Reads every training phrasing of a content folder. A file with unreadable front matter throws,
 * naming the file; a file without an `id` is skipped (content:check reports it).
 *
 * @example readTrainingExamples('content') // [{ intent: 'role-of-senco', text: 'The SENCO' }, { intent: 'role-of-senco', text: 'who is the senco' }, ...]
 */
export function readTrainingExamples(contentDir: string, options: TrainingReadOptions = {}): TrainingExample[] {
  const topics: TopicPhrasings[] = [];
  for (const file of topicFiles(contentDir)) {
    const yamlText = frontMatterOf(readFileSync(file, 'utf8'));
    if (yamlText === null) continue;
    let parsed: unknown;
    try {
      parsed = parseYaml(yamlText);
    } catch (error) {
      throw new Error(`${file}: front matter is not valid YAML: ${(error as Error).message}`);
    }
    const result = frontMatterSchema.safeParse(parsed);
    if (result.success) topics.push(result.data);
  }
  return examplesFromTopics(topics, options);
}

/** Reads content/glossary.yml when it exists (an empty list otherwise). */
export function readGlossary(contentDir: string): GlossaryEntry[] {
  const file = join(contentDir, 'glossary.yml');
  if (!existsSync(file)) return [];
  const result = glossarySchema.safeParse(parseYaml(readFileSync(file, 'utf8')));
  if (!result.success) throw new Error(`${file}: ${result.error.issues[0]?.message ?? 'invalid glossary'}`);
  return result.data.map((entry) => ({ id: entry.id, term: entry.term, aliases: entry.aliases }));
}
