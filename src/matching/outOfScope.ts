/**
 * The out-of-scope phrasing list (content/matching/out-of-scope.yml): schema and loader.
 * The matcher learns these as one pseudo-intent so unrelated questions fall back.
 */
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

/** zod schema of out-of-scope.yml: a non-empty list of unique phrasings. */
export const outOfScopeSchema = z
  .object({ phrasings: z.array(z.string().trim().min(2)).min(1) })
  .strict()
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    file.phrasings.forEach((text, index) => {
      const key = text.toLowerCase();
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path: ['phrasings', index], message: `"${text}" is listed twice` });
      seen.add(key);
    });
  });

/**
 * Parses and validates out-of-scope.yml text; returns the phrasings.
 *
 * @example parseOutOfScope('phrasings:\n  - when are the bins collected\n', 'out-of-scope.yml')
 */
export function parseOutOfScope(yamlText: string, fileName: string): string[] {
  const result = outOfScopeSchema.safeParse(parseYaml(yamlText) ?? {});
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new Error(`${fileName}: ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`);
  }
  return result.data.phrasings;
}

/** Reads and validates an out-of-scope.yml file. */
export function loadOutOfScope(filePath: string): string[] {
  return parseOutOfScope(readFileSync(filePath, 'utf8'), filePath);
}
