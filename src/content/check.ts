import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { outOfScopeSchema } from '../matching/outOfScope';
import { synonymTableSchema } from '../matching/synonyms';
import { parseLocatedYaml, validateLocated } from './yamlFile';
import { readContent } from './loader';
import type { ContentFault } from './types';
import { GradeFn, validateContent } from './validate';
import type { Content } from './loader';

/** Reads and fully validates a content folder: the one check shared by content:check and live reload. */
export function checkContent(dir: string, grade?: GradeFn): { content?: Content; faults: ContentFault[] } {
  const matchingFaults = checkMatchingTables(dir);
  const read = readContent(dir);
  if (!read.content) return { faults: [...read.faults, ...matchingFaults] };
  const faults = [...validateContent(read.content, read.utteranceLines, grade), ...matchingFaults];
  return faults.length ? { faults } : { content: read.content, faults: [] };
}

/** The matcher's tables (content/matching/*.yml), checked with the schemas the matcher loads them with. */
function checkMatchingTables(dir: string): ContentFault[] {
  const faults: ContentFault[] = [];
  const tables: Array<[string, import('zod').ZodType]> = [
    ['synonyms.yml', synonymTableSchema],
    ['out-of-scope.yml', outOfScopeSchema],
  ];
  for (const [name, schema] of tables) {
    const file = join(dir, 'matching', name);
    if (!existsSync(file)) continue;
    const shown = relative(process.cwd(), file) || file;
    faults.push(...validateLocated(parseLocatedYaml(shown, readFileSync(file, 'utf8')), schema).faults);
  }
  return faults;
}

export function formatFault(f: ContentFault): string {
  return `${f.file}:${f.line}: ${f.message}`;
}
