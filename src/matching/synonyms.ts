/**
 * The abbreviation / text-speak / spelling table (content/matching/synonyms.yml): schema and loader.
 * Content editors extend the YAML; this module only validates and reads it.
 */
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type { SynonymGroup, SynonymTable } from './types';

// YAML reads a bare 121 as a number; editors should not have to quote it.
const phrase = z.preprocess(
  (value) => (typeof value === 'number' ? String(value) : value),
  z
    .string()
    .trim()
    .min(1)
    .refine((value) => value === value.toLowerCase(), { message: 'write it in lower case' })
    .refine((value) => !value.includes("'"), { message: 'leave out apostrophes ("whats", not "what\'s")' }),
);

const groupSchema = z.object({ to: phrase, from: z.array(phrase).min(1) }).strict();

const SECTIONS = ['abbreviations', 'textSpeak', 'spellings', 'misspellings', 'synonyms'] as const;

/** Groups that apply only when they are the whole message ("ta" alone is thanks, "a TA" is a teaching assistant). */
const WHOLE_MESSAGE_SECTION = 'wholeMessage';

/** zod schema of synonyms.yml. A `from` phrase may belong to one group only. */
export const synonymTableSchema = z
  .object({
    abbreviations: z.array(groupSchema).default([]),
    textSpeak: z.array(groupSchema).default([]),
    spellings: z.array(groupSchema).default([]),
    misspellings: z.array(groupSchema).default([]),
    synonyms: z.array(groupSchema).default([]),
    [WHOLE_MESSAGE_SECTION]: z.array(groupSchema).default([]),
  })
  .strict()
  .superRefine((table, ctx) => {
    // Word-level sections share one namespace; whole-message groups have their own.
    const scopes: (readonly (typeof SECTIONS[number] | typeof WHOLE_MESSAGE_SECTION)[])[] = [SECTIONS, [WHOLE_MESSAGE_SECTION]];
    for (const scope of scopes) {
      const owner = new Map<string, string>();
      for (const section of scope) {
        table[section].forEach((group, index) => {
          for (const variant of group.from) {
            const previous = owner.get(variant);
            if (previous !== undefined && previous !== group.to) {
              ctx.addIssue({
                code: 'custom',
                path: [section, index, 'from'],
                message: `"${variant}" is already rewritten to "${previous}"`,
              });
            }
            owner.set(variant, group.to);
          }
        });
      }
    }
  });

/** The validated table, every section present. */
export type LoadedSynonymTable = SynonymTable & { synonyms: SynonymGroup[]; wholeMessage: SynonymGroup[] };

/** Every word-level group of the table in one list, in file order (whole-message groups excluded). */
export function allSynonymGroups(table: Partial<LoadedSynonymTable>): SynonymGroup[] {
  return SECTIONS.flatMap((section) => table[section] ?? []);
}

/**
 * Parses and validates synonyms.yml text. Throws an Error naming the file and the bad entry.
 *
 * @example parseSynonymTable('textSpeak:\n  - to: you\n    from: [u]\n', 'synonyms.yml')
 */
export function parseSynonymTable(yamlText: string, fileName: string): LoadedSynonymTable {
  const result = synonymTableSchema.safeParse(parseYaml(yamlText) ?? {});
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new Error(`${fileName}: ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`);
  }
  return result.data;
}

/** Reads and validates a synonyms.yml file. */
export function loadSynonymTable(filePath: string): LoadedSynonymTable {
  return parseSynonymTable(readFileSync(filePath, 'utf8'), filePath);
}
