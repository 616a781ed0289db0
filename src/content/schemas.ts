import { z } from 'zod';

/** zod schemas for every content file. `.strict()` so a misspelt field is reported, not ignored. */

const kebabId = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be lower-case words joined by hyphens, like role-of-senco');
const isoDate = z.union([z.string(), z.date()]).transform((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v)).pipe(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD'));

export const sourceRefSchema = z
  .object({
    doc: z.string({ error: 'needs a document: add doc: with a key from content/sources.yml' }).min(1),
    ref: z.union([z.string(), z.number()]).transform(String).optional(),
  })
  .strict();

export const rightsItemSchema = z.object({ text: z.string().min(5), source: sourceRefSchema }).strict();

export const rightsSchema = z
  .object({
    must: z.array(rightsItemSchema).default([]),
    should: z.array(rightsItemSchema).default([]),
    next: z.array(z.string().min(3)).min(1, 'needs at least one next step'),
  })
  .strict();

export const topicFrontMatterSchema = z
  .object({
    id: kebabId,
    title: z.string().min(3).max(60, 'is too long: keep titles under 60 characters'),
    kind: z.enum(['knowledge', 'local', 'action', 'conversation', 'safety']),
    utterances: z.array(z.string().min(2)).min(15, 'needs at least 15 training phrasings'),
    sources: z.array(sourceRefSchema).default([]),
    related: z.array(kebabId).default([]),
    terms: z.array(kebabId).default([]),
    reviewed: isoDate,
    owner: z.string().min(2),
    rights: rightsSchema.optional(),
  })
  .strict();

export const sourcesFileSchema = z.record(
  kebabId,
  z
    .object({
      title: z.string().min(3),
      cite: z.string().optional(),
      needsRef: z.boolean(),
      url: z.url({ protocol: /^https$/ }).optional(),
    })
    .strict(),
);

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time like 09:00');

export const areaFileSchema = z
  .object({
    id: kebabId,
    name: z.string().min(2),
    places: z.array(z.string().min(2)).default([]),
    service: z
      .object({
        name: z.string().min(2),
        fullName: z.string().min(2),
        phone: z.string().optional(),
        email: z.email().optional(),
        website: z.url({ protocol: /^https$/ }).optional(),
        address: z.string().optional(),
        contact: z.string().min(5),
      })
      .strict(),
    localOffer: z.string().min(5),
    openingHours: z
      .array(z.object({ days: z.array(z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'])).min(1), open: time, close: time }).strict())
      .nullish()
      .transform((v) => v ?? []),
  })
  .strict();

export const glossaryFileSchema = z.array(
  z
    .object({
      id: kebabId,
      term: z.string().min(1),
      aliases: z.array(z.string().min(1)).default([]),
      meaning: z.string().min(10),
      sources: z.array(sourceRefSchema).default([]),
      related: kebabId.optional(),
    })
    .strict(),
);

export const escalationFileSchema = z
  .object({
    stages: z
      .array(
        z
          .object({
            id: kebabId,
            choice: z.string().min(3).max(40, 'is too long for a button: keep it under 40 characters'),
            step: z.string().min(20),
            bring: z.array(z.string()).default([]),
            rights: z.array(rightsItemSchema).default([]),
            next: kebabId.optional(),
          })
          .strict(),
      )
      .min(1),
    areaNotes: z.record(kebabId, z.record(kebabId, z.string())).default({}),
  })
  .strict();

export const letterFrontMatterSchema = z
  .object({
    id: kebabId,
    title: z.string().min(3),
    questions: z.array(z.object({ key: z.string().regex(/^[a-zA-Z]+$/), ask: z.string().min(3), label: z.string().min(2).optional() }).strict()),
    sources: z.array(sourceRefSchema).default([]),
    reviewed: isoDate,
    owner: z.string().min(2),
  })
  .strict();

/** Dialog sentences: a flat map of dotted keys to text. Which keys must exist is in promptKeys.ts. */
export const promptsFileSchema = z.record(z.string().regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/, 'keys look like welcome.intro'), z.string().min(1));
