import { Document, isMap, isScalar, LineCounter, parseDocument, YAMLMap } from 'yaml';
import { z } from 'zod';
import type { ContentFault } from './types';

/** A parsed YAML text that can say which line a value sits on, so faults read `file:line: ...`. */
export interface LocatedYaml {
  file: string;
  value: unknown;
  lineOf(path: ReadonlyArray<PropertyKey>): number;
  faults: ContentFault[];
}

/** Parses YAML; `firstLine` is the file line the YAML text starts on (front matter starts on line 2). */
export function parseLocatedYaml(file: string, text: string, firstLine = 1): LocatedYaml {
  const lineCounter = new LineCounter();
  const doc: Document = parseDocument(text, { lineCounter, uniqueKeys: true });
  const toFileLine = (offset: number) => lineCounter.linePos(offset).line + firstLine - 1;
  const faults: ContentFault[] = doc.errors.map((e) => ({
    file,
    line: e.linePos ? e.linePos[0].line + firstLine - 1 : firstLine,
    message: `the YAML cannot be read (${e.message.split('\n')[0]}); check indentation, colons and quotes`,
  }));
  const lineOf = (path: ReadonlyArray<PropertyKey>): number => {
    let node: unknown = doc.contents;
    let line = node && typeof node === 'object' && 'range' in node ? toFileLine((node as { range: [number] }).range[0]) : firstLine;
    for (const key of path) {
      if (!node || typeof node !== 'object' || !('items' in node)) break;
      const items = (node as YAMLMap).items as unknown[];
      let next: unknown;
      if (isMap(node)) {
        const pair = (node as YAMLMap).items.find((p) => isScalar(p.key) && p.key.value === key);
        if (pair) {
          const keyNode = pair.key as { range?: [number] };
          if (keyNode.range) line = toFileLine(keyNode.range[0]);
          next = pair.value;
        }
      } else if (typeof key === 'number') {
        next = items[key];
      }
      if (next && typeof next === 'object' && 'range' in next && (next as { range?: [number] }).range) {
        line = toFileLine((next as { range: [number] }).range[0]);
      }
      node = next;
    }
    return line;
  };
  return { file, value: faults.length ? undefined : doc.toJS(), lineOf, faults };
}

/** Explains a zod issue in words an editor can act on. */
export function describeIssue(issue: z.core.$ZodIssue): string {
  const where = issue.path.length ? `"${issue.path.join('.')}"` : 'this file';
  if (issue.code === 'unrecognized_keys') {
    return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}${issue.path.length ? ` in ${where}` : ''}: check the spelling, or remove it (see content/README.md for the fields)`;
  }
  if (issue.code === 'invalid_type' && /received undefined/.test(issue.message)) {
    return `${where} is missing: add it (see content/README.md)`;
  }
  return `${where} ${issue.message.replace(/^Invalid input: /, '')}`;
}

/** Validates with zod and turns every issue into a located fault. */
export function validateLocated<T>(located: LocatedYaml, schema: z.ZodType<T>): { data?: T; faults: ContentFault[] } {
  if (located.faults.length) return { faults: located.faults };
  const result = schema.safeParse(located.value);
  if (result.success) return { data: result.data, faults: [] };
  return {
    faults: result.error.issues.map((issue) => ({ file: located.file, line: located.lineOf(issue.path as PropertyKey[]), message: describeIssue(issue) })),
  };
}
