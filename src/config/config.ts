import { z } from 'zod';

/**
 * Every setting the bot reads, with its default. Read once at start-up from the environment
 * (see .env.example); a bad value stops the process with one line naming the variable.
 */
const emptyToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optionalString = z.preprocess(emptyToUndefined, z.string().optional());
const optionalUrl = (protocols: string[]) =>
  z.preprocess(
    emptyToUndefined,
    z
      .string()
      .refine((v) => {
        try {
          return protocols.includes(new URL(v).protocol);
        } catch {
          return false;
        }
      }, `must be a URL starting with ${protocols.join(' or ')}//`)
      .optional(),
  );
const port = z.coerce.number().int().min(0).max(65535);
const positiveInt = z.coerce.number().int().positive();

export const configSchema = z
  .object({
    NODE_ENV: z.preprocess(emptyToUndefined, z.enum(['development', 'production', 'test']).default('development')),
    PORT: z.preprocess(emptyToUndefined, port.default(3978)),
    HOST: optionalString,
    MicrosoftAppId: optionalString,
    MicrosoftAppPassword: optionalString,
    MicrosoftAppType: z.preprocess(emptyToUndefined, z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant')),
    MicrosoftAppTenantId: optionalString,
    DATA_DIR: z.preprocess(emptyToUndefined, z.string().default('./data')),
    STORAGE: z.preprocess(emptyToUndefined, z.enum(['file', 'blob']).default('file')),
    AZURE_STORAGE_CONNECTION_STRING: optionalString,
    AZURE_STORAGE_CONTAINER: z.preprocess(emptyToUndefined, z.string().regex(/^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$/, 'must be a valid blob container name (3-63 lower-case letters, digits, hyphens)').default('send-guide-bot')),
    DEFAULT_AREA: z.preprocess(emptyToUndefined, z.string().regex(/^[a-z-]+$/, 'must be an area pack id such as lincolnshire').default('lincolnshire')),
    CONTENT_DIR: z.preprocess(emptyToUndefined, z.string().default('./content')),
    CONTENT_WATCH: z.preprocess(emptyToUndefined, z.enum(['true', 'false']).optional()),
    HANDOFF_WEBHOOK_URL: optionalUrl(['https:', 'http:']),
    HANDOFF_WEBHOOK_SECRET: optionalString,
    SMTP_URL: optionalUrl(['smtp:', 'smtps:']),
    HANDOFF_EMAIL_TO: z.preprocess(emptyToUndefined, z.email().optional()),
    HANDOFF_EMAIL_FROM: z.preprocess(emptyToUndefined, z.email().optional()),
    HANDOFF_EVENT: z.preprocess(emptyToUndefined, z.enum(['true', 'false']).default('false')),
    ADVISER_TEAMS_CONVERSATION_ID: optionalString,
    ADVISER_TEAMS_SERVICE_URL: optionalUrl(['https:']),
    ADVISER_TEAMS_TENANT_ID: optionalString,
    RETENTION_DAYS: z.preprocess(emptyToUndefined, positiveInt.default(30)),
    PUBLIC_URL: optionalUrl(['https:', 'http:']),
    MAX_BODY_BYTES: z.preprocess(emptyToUndefined, positiveInt.default(64 * 1024)),
    RATE_LIMIT_PER_MINUTE: z.preprocess(emptyToUndefined, positiveInt.default(120)),
    LOG_LEVEL: z.preprocess(emptyToUndefined, z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info')),
    LOG_PERSONAL_DATA: z.preprocess(emptyToUndefined, z.enum(['true', 'false']).default('false')),
  })
  .superRefine((c, ctx) => {
    if (c.NODE_ENV === 'production' && !c.MicrosoftAppId) {
      ctx.addIssue({ code: 'custom', path: ['MicrosoftAppId'], message: 'is required when NODE_ENV=production (without it the bot would accept unauthenticated requests)' });
    }
    if (c.STORAGE === 'blob' && !c.AZURE_STORAGE_CONNECTION_STRING) {
      ctx.addIssue({ code: 'custom', path: ['AZURE_STORAGE_CONNECTION_STRING'], message: 'is required when STORAGE=blob' });
    }
    if (c.HANDOFF_WEBHOOK_URL && !c.HANDOFF_WEBHOOK_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['HANDOFF_WEBHOOK_SECRET'], message: 'is required when HANDOFF_WEBHOOK_URL is set (hand-offs are signed)' });
    }
    if (c.SMTP_URL && !c.HANDOFF_EMAIL_TO) {
      ctx.addIssue({ code: 'custom', path: ['HANDOFF_EMAIL_TO'], message: 'is required when SMTP_URL is set' });
    }
    if (c.ADVISER_TEAMS_CONVERSATION_ID && !c.ADVISER_TEAMS_SERVICE_URL) {
      ctx.addIssue({ code: 'custom', path: ['ADVISER_TEAMS_SERVICE_URL'], message: 'is required when ADVISER_TEAMS_CONVERSATION_ID is set' });
    }
  });

type Parsed = z.infer<typeof configSchema>;

export interface Config extends Parsed {
  /** Local mode: no Bot Framework credentials, so local conveniences (web chat page, Direct Line) are on. */
  readonly localMode: boolean;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
  constructor(readonly variable: string, readonly reason: string) {
    super(`Configuration error: ${variable} ${reason}`);
  }
}

/** Validates an environment once and returns a frozen config; throws ConfigError naming the first bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const result = configSchema.safeParse(env);
  if (!result.success) {
    const issue = result.error.issues[0];
    const variable = String(issue.path[0] ?? 'environment');
    const value = env[variable];
    const shown = value === undefined ? '' : variable.match(/PASSWORD|SECRET|CONNECTION_STRING/i) ? ' (value hidden)' : ` (got "${String(value).slice(0, 60)}")`;
    const reason = issue.message.startsWith('is ') ? issue.message : `is invalid: ${issue.message}`;
    throw new ConfigError(variable, `${reason}${shown}`);
  }
  const localMode = !result.data.MicrosoftAppId;
  return Object.freeze({ ...result.data, localMode });
}
