import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseFrontMatterFile, splitSections } from './markdownFile';
import {
  areaFileSchema,
  escalationFileSchema,
  glossaryFileSchema,
  letterFrontMatterSchema,
  promptsFileSchema,
  sourcesFileSchema,
  topicFrontMatterSchema,
} from './schemas';
import type { AreaPack, ContentFault, Escalation, GlossaryEntry, LetterTemplate, SourceDoc, Topic } from './types';
import { parseLocatedYaml, validateLocated } from './yamlFile';

/** Everything the content folder holds, parsed and schema-checked (cross-file checks are in validate.ts). */
export interface Content {
  /** Short hash of every file, shown on /health so editors can see which content is live. */
  revision: string;
  dir: string;
  sources: Record<string, SourceDoc>;
  national: Map<string, Topic>;
  areas: Map<string, AreaPack>;
  glossary: GlossaryEntry[];
  prompts: Record<string, string>;
  escalation: Escalation;
  letters: Map<string, LetterTemplate>;
}

export interface ReadResult {
  content?: Content;
  faults: ContentFault[];
  /** Per file, the line of each utterance, so duplicate phrasings can be located. */
  utteranceLines: Map<string, number[]>;
}

export class ContentLoadError extends Error {
  override name = 'ContentLoadError';
  constructor(readonly faults: ContentFault[]) {
    super(`[content]: ${faults.length} fault(s), first: ${faults[0] ? `${faults[0].file}:${faults[0].line}: ${faults[0].message}` : 'none'}`);
  }
}

const listFiles = (dir: string, ext: string) =>
  existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(ext)).sort().map((f) => join(dir, f)) : [];

/**
 * Reads the content folder. Never throws for a content fault: every fault is collected with its
 * file and line, and `content` is undefined when any file could not be read into shape.
 */
export function readContent(dir: string): ReadResult {
  const faults: ContentFault[] = [];
  const hash = createHash('sha256');
  const utteranceLines = new Map<string, number[]>();
  const rel = (file: string) => relative(process.cwd(), file) || file;
  const readText = (file: string) => {
    const text = readFileSync(file, 'utf8');
    hash.update(file).update(text);
    return text;
  };
  const readYaml = <T>(file: string, schema: import('zod').ZodType<T>, required = true): T | undefined => {
    if (!existsSync(file)) {
      if (required) faults.push({ file: rel(file), line: 1, message: 'this file is missing' });
      return undefined;
    }
    const { data, faults: f } = validateLocated(parseLocatedYaml(rel(file), readText(file)), schema);
    faults.push(...f);
    return data;
  };

  const readTopic = (file: string, area?: string): Topic | undefined => {
    const name = rel(file);
    const { parsed, faults: f } = parseFrontMatterFile(name, readText(file));
    faults.push(...f);
    if (!parsed) return undefined;
    const { data, faults: schemaFaults } = validateLocated(parsed.header, topicFrontMatterSchema);
    faults.push(...schemaFaults);
    if (!data) return undefined;
    const expectedId = file.split('/').pop()!.replace(/\.md$/, '');
    if (data.id !== expectedId) {
      faults.push({ file: name, line: parsed.header.lineOf(['id']), message: `id "${data.id}" does not match the file name: rename the file to ${data.id}.md or change the id to ${expectedId}` });
    }
    utteranceLines.set(name, data.utterances.map((_, i) => parsed.header.lineOf(['utterances', i])));
    const sections = splitSections(parsed.body, parsed.bodyLine);
    const answer = sections.get('answer');
    const more = sections.get('more');
    if (!answer?.text) faults.push({ file: name, line: parsed.bodyLine, message: 'the "## Answer" section is missing or empty: add it after the header' });
    if (!more?.text) faults.push({ file: name, line: answer ? answer.line : parsed.bodyLine, message: 'the "## More" section is missing or empty: add the fuller answer under "## More"' });
    for (const [heading, s] of sections) {
      if (heading !== 'answer' && heading !== 'more') faults.push({ file: name, line: s.line, message: `unknown section "## ${heading}": a topic has only "## Answer" and "## More"` });
    }
    return { ...data, answer: answer?.text ?? '', more: more?.text ?? '', file: name, area };
  };

  const sources = readYaml(join(dir, 'sources.yml'), sourcesFileSchema) ?? {};
  const glossary = readYaml(join(dir, 'glossary.yml'), glossaryFileSchema) ?? [];
  const prompts = readYaml(join(dir, 'prompts.yml'), promptsFileSchema) ?? {};
  const escalation = readYaml(join(dir, 'escalation.yml'), escalationFileSchema) ?? { stages: [], areaNotes: {} };

  const national = new Map<string, Topic>();
  const addTopic = (map: Map<string, Topic>, topic: Topic | undefined) => {
    if (!topic) return;
    const existing = map.get(topic.id);
    if (existing) faults.push({ file: topic.file, line: 2, message: `topic id "${topic.id}" is already used by ${existing.file}: each id must be unique` });
    else map.set(topic.id, topic);
  };
  for (const file of listFiles(join(dir, 'topics'), '.md')) addTopic(national, readTopic(file));

  const areas = new Map<string, AreaPack>();
  const areasDir = join(dir, 'areas');
  const areaIds = existsSync(areasDir) ? readdirSync(areasDir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort() : [];
  for (const areaId of areaIds) {
    const areaFile = join(areasDir, areaId, 'area.yml');
    const info = readYaml(areaFile, areaFileSchema);
    const topics = new Map<string, Topic>();
    for (const file of listFiles(join(areasDir, areaId, 'topics'), '.md')) addTopic(topics, readTopic(file, areaId));
    if (info) {
      if (info.id !== areaId) faults.push({ file: rel(areaFile), line: 1, message: `id "${info.id}" does not match the folder name "${areaId}"` });
      areas.set(areaId, { ...info, topics });
    }
  }

  const letters = new Map<string, LetterTemplate>();
  for (const file of listFiles(join(dir, 'letters'), '.md')) {
    const name = rel(file);
    const { parsed, faults: f } = parseFrontMatterFile(name, readText(file));
    faults.push(...f);
    if (!parsed) continue;
    const { data, faults: lf } = validateLocated(parsed.header, letterFrontMatterSchema);
    faults.push(...lf);
    if (data) letters.set(data.id, { id: data.id, title: data.title, questions: data.questions, sources: data.sources, body: parsed.body.trim() });
  }

  // The matcher's tables are part of what is live: an edit to them must count as new content.
  for (const file of listFiles(join(dir, 'matching'), '.yml')) readText(file);

  const revision = hash.digest('hex').slice(0, 12);
  if (faults.length) return { faults, utteranceLines };
  return { content: { revision, dir, sources, national, areas, glossary, prompts, escalation, letters }, faults, utteranceLines };
}
