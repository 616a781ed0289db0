import { readContent } from './loader';
import type { ContentFault } from './types';
import { GradeFn, validateContent } from './validate';
import type { Content } from './loader';

/** Reads and fully validates a content folder: the one check shared by content:check and live reload. */
export function checkContent(dir: string, grade?: GradeFn): { content?: Content; faults: ContentFault[] } {
  const read = readContent(dir);
  if (!read.content) return { faults: read.faults };
  const faults = validateContent(read.content, read.utteranceLines, grade);
  return faults.length ? { faults } : { content: read.content, faults: [] };
}

export function formatFault(f: ContentFault): string {
  return `${f.file}:${f.line}: ${f.message}`;
}
