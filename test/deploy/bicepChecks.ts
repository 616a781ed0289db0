/**
 * The rules deploy/azure/main.bicep must keep, checked on its text (see
 * bicepText.ts for why there is no compiler here). Each check returns a list
 * of problems, empty when the template is fine, so a failing test says what
 * is wrong rather than just "expected true".
 */
import { Declaration, ParsedBicep, Value, get, literal, namesUsed, parseArgument, parseBicep } from './bicepText';

/**
 * Every variable the app needs set in production: the fixed names in
 * shared/spec/interfaces.md, RETENTION_DAYS and PUBLIC_URL, the advisers'
 * Teams channel, and the rate limit (whose default is too low behind App Service).
 */
export const REQUIRED_APP_SETTINGS = [
  'NODE_ENV',
  'STORAGE',
  'AZURE_STORAGE_CONNECTION_STRING',
  'AZURE_STORAGE_CONTAINER',
  'MicrosoftAppId',
  'MicrosoftAppPassword',
  'MicrosoftAppType',
  'MicrosoftAppTenantId',
  'DEFAULT_AREA',
  'HANDOFF_WEBHOOK_URL',
  'HANDOFF_WEBHOOK_SECRET',
  'SMTP_URL',
  'HANDOFF_EMAIL_TO',
  'HANDOFF_EMAIL_FROM',
  'LOG_LEVEL',
  'RETENTION_DAYS',
  'PUBLIC_URL',
  'ADVISER_TEAMS_CONVERSATION_ID',
  'ADVISER_TEAMS_SERVICE_URL',
  'ADVISER_TEAMS_TENANT_ID',
  'RATE_LIMIT_PER_MINUTE',
];

/**
 * Variables in .env.example that the template deliberately leaves at the
 * app's default, with the reason. Anything else .env.example lists must be
 * set by the template, so a new app setting cannot be forgotten here.
 */
export const APP_DEFAULTS_KEPT: Record<string, string> = {
  PORT: 'App Service tells the container which port to listen on',
  HOST: 'the app listens on all interfaces once MicrosoftAppId is set',
  DATA_DIR: 'only used with STORAGE=file',
  CONTENT_DIR: 'the content ships inside the deployed package',
  CONTENT_WATCH: 'off outside local development, as it should be',
  MAX_BODY_BYTES: 'the default fits Bot Framework activities',
  HANDOFF_EVENT: 'only for an agent hub such as Omnichannel',
  LOG_PERSONAL_DATA: 'must stay false in production',
};

/** Variable names defined in a .env-style file (NAME=value lines). */
export function envFileNames(text: string): string[] {
  return [...text.matchAll(/^([A-Za-z_][A-Za-z0-9_]*)=/gm)].map((m) => m[1]);
}

/** Problems with how the template covers the variables .env.example lists. */
export function checkCoversEnvExample(t: Template, envExample: string): string[] {
  const names = envFileNames(envExample);
  const settings = appSettings(t);
  const problems = names
    .filter((n) => !settings.has(n) && !(n in APP_DEFAULTS_KEPT))
    .map((n) => `.env.example lists ${n}: set it in the template or add it to APP_DEFAULTS_KEPT with the reason`);
  for (const n of Object.keys(APP_DEFAULTS_KEPT)) if (!names.includes(n)) problems.push(`APP_DEFAULTS_KEPT names ${n}, which .env.example no longer lists`);
  return problems;
}

/** Settings holding secrets: their values must come from @secure() parameters. */
export const SECRET_APP_SETTINGS = ['MicrosoftAppPassword', 'HANDOFF_WEBHOOK_URL', 'HANDOFF_WEBHOOK_SECRET', 'SMTP_URL'];

/** Parameter names that mean "this is a secret". */
const SECRET_PARAM_NAME = /password|secret|smtpurl|webhookurl|connectionstring|apikey|accountkey|token/i;

/** Plan tiers that can run several instances and autoscale (Standard, Premium v2/v3, Premium memory-optimised). */
const SCALABLE_PLAN_SKU = /^(S[1-3]|P[0-9]+m?v[2-9])$/;

export interface Template {
  parsed: ParsedBicep;
  params: Map<string, Declaration>;
  vars: Map<string, Declaration>;
  resources: Declaration[];
  outputs: Map<string, Declaration>;
}

export function loadTemplate(text: string): Template {
  const parsed = parseBicep(text);
  const byKeyword = (k: Declaration['keyword']) => parsed.declarations.filter((d) => d.keyword === k);
  return {
    parsed,
    params: new Map(byKeyword('param').map((d) => [d.name, d])),
    vars: new Map(byKeyword('var').map((d) => [d.name, d])),
    resources: byKeyword('resource'),
    outputs: new Map(byKeyword('output').map((d) => [d.name, d])),
  };
}

// ---------------------------------------------------------------- helpers

export function decorator(decl: Declaration, name: string): Value | undefined {
  const found = decl.decorators.find((d) => d.name === name);
  if (!found) return undefined;
  return found.args ? parseArgument(found.args) : { kind: 'null', raw: '' };
}

export function resourceType(decl: Declaration): string {
  return (decl.type ?? '').split('@')[0];
}

function resourcesOfType(t: Template, type: string): Declaration[] {
  return t.resources.filter((r) => resourceType(r) === type);
}

/** Follows a bare variable name to the variable's value, so `endpoint: messagingEndpoint` can be read as the string it names. */
export function resolve(t: Template, value: Value | undefined, seen = new Set<string>()): Value | undefined {
  if (value?.kind === 'expr' && /^[A-Za-z_]\w*$/.test(value.raw) && t.vars.has(value.raw) && !seen.has(value.raw)) {
    seen.add(value.raw);
    return resolve(t, t.vars.get(value.raw)!.value, seen);
  }
  return value;
}

/** Parameters a value depends on, directly or through variables. */
export function paramsUsed(t: Template, value: Value | undefined, seen = new Set<string>()): Set<string> {
  const found = new Set<string>();
  for (const name of namesUsed(value?.raw ?? '')) {
    if (t.params.has(name)) found.add(name);
    else if (t.vars.has(name) && !seen.has(name)) {
      seen.add(name);
      for (const p of paramsUsed(t, t.vars.get(name)!.value, seen)) found.add(p);
    }
  }
  return found;
}

/** A value's source with variables written out, for looking for function calls such as listKeys(. */
export function expandedSource(t: Template, value: Value | undefined, seen = new Set<string>()): string {
  let text = value?.raw ?? '';
  for (const name of namesUsed(text)) {
    if (t.vars.has(name) && !seen.has(name)) {
      seen.add(name);
      text += `\n${expandedSource(t, t.vars.get(name)!.value, seen)}`;
    }
  }
  return text;
}

const isSecure = (t: Template, name: string) => !!t.params.get(name)?.decorators.some((d) => d.name === 'secure');

/** A setting given either as a literal or as a parameter, with what the parameter allows. */
function literalOrParam(t: Template, value: Value | undefined): { literal?: unknown; param?: Declaration } {
  const resolved = resolve(t, value);
  if (resolved?.kind === 'expr' && t.params.has(resolved.raw)) return { param: t.params.get(resolved.raw) };
  return { literal: literal(resolved) };
}

/**
 * The app settings the template gives the web app, by name. It reads a
 * Microsoft.Web/sites/config 'appsettings' resource (an object, or an
 * expression over variables holding objects) and siteConfig.appSettings
 * arrays of { name, value }.
 */
export function appSettings(t: Template): Map<string, Value> {
  const settings = new Map<string, Value>();
  const collect = (value: Value | undefined, seen: Set<string>) => {
    if (!value) return;
    if (value.kind === 'object') {
      for (const [k, v] of Object.entries(value.props)) settings.set(k, v);
    } else if (value.kind === 'expr') {
      for (const name of namesUsed(value.raw)) {
        if (t.vars.has(name) && !seen.has(name)) {
          seen.add(name);
          collect(t.vars.get(name)!.value, seen);
        }
      }
    }
  };
  for (const r of resourcesOfType(t, 'Microsoft.Web/sites/config')) {
    if (literal(get(r.value, 'name')) === 'appsettings') collect(get(r.value, 'properties'), new Set());
  }
  for (const r of resourcesOfType(t, 'Microsoft.Web/sites')) {
    const list = get(r.value, 'properties.siteConfig.appSettings');
    if (list?.kind === 'array') {
      for (const item of list.items) {
        const name = literal(get(item, 'name'));
        const v = get(item, 'value');
        if (typeof name === 'string' && v) settings.set(name, v);
      }
    }
  }
  return settings;
}

function expectLiteral(problems: string[], where: string, value: Value | undefined, expected: unknown): void {
  const actual = literal(value);
  if (actual !== expected) problems.push(`${where} must be ${JSON.stringify(expected)}, found ${value ? value.raw : 'nothing'}`);
}

// ---------------------------------------------------------------- the checks

export const checks: Record<string, (t: Template) => string[]> = {
  /** The resources the bot needs are all there. */
  resources(t) {
    const problems: string[] = [];
    for (const type of [
      'Microsoft.BotService/botServices',
      'Microsoft.Web/serverfarms',
      'Microsoft.Web/sites',
      'Microsoft.Storage/storageAccounts',
      'Microsoft.Storage/storageAccounts/blobServices',
      'Microsoft.Storage/storageAccounts/blobServices/containers',
    ]) {
      const found = resourcesOfType(t, type);
      if (found.length !== 1) problems.push(`expected one ${type}, found ${found.length}`);
    }
    const channel = (name: string) =>
      resourcesOfType(t, 'Microsoft.BotService/botServices/channels').find((r) => literal(get(r.value, 'properties.channelName')) === name);
    const teams = channel('MsTeamsChannel');
    if (!teams) problems.push('no MsTeamsChannel channel');
    else expectLiteral(problems, 'MsTeamsChannel isEnabled', get(teams.value, 'properties.properties.isEnabled'), true);
    for (const name of ['DirectLineChannel', 'WebChatChannel']) {
      const c = channel(name);
      const sites = get(c?.value, 'properties.properties.sites');
      if (!c) problems.push(`no ${name} channel`);
      else if (sites?.kind !== 'array' || !sites.items.some((s) => literal(get(s, 'isEnabled')) === true)) problems.push(`${name} has no enabled site`);
      else if (name === 'DirectLineChannel') {
        for (const s of sites.items) {
          // Direct Line v1 is the retired protocol; Web Chat needs v3.
          expectLiteral(problems, 'DirectLineChannel site isV3Enabled', get(s, 'isV3Enabled'), true);
          expectLiteral(problems, 'DirectLineChannel site isV1Enabled', get(s, 'isV1Enabled'), false);
        }
      }
    }
    return problems;
  },

  /** API versions are real dates (YYYY-MM-DD, optionally -preview), not in the future and not ancient. */
  apiVersions(t) {
    const problems: string[] = [];
    for (const r of t.resources) {
      const [type, version] = (r.type ?? '').split('@');
      const m = /^(\d{4})-(\d{2})-(\d{2})(-preview)?$/.exec(version ?? '');
      if (!/^[A-Za-z0-9.]+(\/[A-Za-z0-9]+)+$/.test(type) || !m) {
        problems.push(`line ${r.line}: resource ${r.name} type "${r.type}" is not Namespace/type@YYYY-MM-DD(-preview)`);
        continue;
      }
      const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
      const date = new Date(Date.UTC(year, month - 1, day));
      if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) problems.push(`line ${r.line}: ${version} is not a calendar date`);
      else if (year < 2020) problems.push(`line ${r.line}: ${r.type} uses an API version older than 2020`);
      else if (date.getTime() > Date.now()) problems.push(`line ${r.line}: ${version} is in the future`);
    }
    return problems;
  },

  /** Every parameter explains itself to the operator. */
  paramDescriptions(t) {
    const problems: string[] = [];
    for (const p of t.params.values()) {
      const text = literal(decorator(p, 'description'));
      if (typeof text !== 'string' || text.trim().length < 10) problems.push(`line ${p.line}: param ${p.name} has no @description`);
    }
    return problems;
  },

  /** Secrets arrive through @secure() parameters with no real default. */
  secureParams(t) {
    const problems: string[] = [];
    for (const p of t.params.values()) {
      if (SECRET_PARAM_NAME.test(p.name) && !isSecure(t, p.name)) problems.push(`line ${p.line}: param ${p.name} looks like a secret but is not @secure()`);
      if (isSecure(t, p.name) && p.value && literal(p.value) !== '') problems.push(`line ${p.line}: @secure() param ${p.name} has a default value`);
    }
    return problems;
  },

  /** The web app gets every setting the app reads, with the fixed ones fixed and the secret ones from secure parameters. */
  appSettings(t) {
    const problems: string[] = [];
    const settings = appSettings(t);
    for (const name of REQUIRED_APP_SETTINGS) if (!settings.has(name)) problems.push(`app setting ${name} is missing`);
    expectLiteral(problems, 'NODE_ENV', settings.get('NODE_ENV'), 'production');
    expectLiteral(problems, 'STORAGE', settings.get('STORAGE'), 'blob');
    const connection = expandedSource(t, settings.get('AZURE_STORAGE_CONNECTION_STRING'));
    if (!/DefaultEndpointsProtocol=https;/.test(connection)) problems.push('AZURE_STORAGE_CONNECTION_STRING must use DefaultEndpointsProtocol=https');
    if (!/AccountKey=\$\{[^}]*listKeys\(/.test(connection)) problems.push('AZURE_STORAGE_CONNECTION_STRING must take AccountKey from listKeys()');
    for (const name of SECRET_APP_SETTINGS) {
      const used = [...paramsUsed(t, settings.get(name))];
      if (!used.some((p) => isSecure(t, p))) problems.push(`app setting ${name} must come from a @secure() parameter`);
    }
    for (const name of ['MicrosoftAppType', 'MicrosoftAppTenantId', 'DEFAULT_AREA', 'LOG_LEVEL', 'RETENTION_DAYS']) {
      if (settings.has(name) && paramsUsed(t, settings.get(name)).size === 0) problems.push(`app setting ${name} should come from a parameter`);
    }
    return problems;
  },

  /** The Linux plan can scale out and runs at least two instances. */
  plan(t) {
    const problems: string[] = [];
    const plan = resourcesOfType(t, 'Microsoft.Web/serverfarms')[0];
    if (!plan) return ['no App Service plan'];
    expectLiteral(problems, 'plan properties.reserved (Linux)', get(plan.value, 'properties.reserved'), true);
    expectLiteral(problems, 'plan kind', get(plan.value, 'kind'), 'linux');
    const sku = literalOrParam(t, get(plan.value, 'sku.name'));
    const skus = sku.param ? literal(decorator(sku.param, 'allowed')) : [sku.literal];
    if (!Array.isArray(skus) || skus.length === 0) problems.push('plan sku.name must be a parameter with @allowed tiers, or a literal tier');
    else for (const s of skus) if (typeof s !== 'string' || !SCALABLE_PLAN_SKU.test(s)) problems.push(`plan SKU ${String(s)} cannot autoscale`);
    const capacity = literalOrParam(t, get(plan.value, 'sku.capacity'));
    if (capacity.param) {
      const min = literal(decorator(capacity.param, 'minValue'));
      const def = literal(capacity.param.value);
      if (typeof min !== 'number' || min < 2) problems.push(`param ${capacity.param.name} needs @minValue(2) or more`);
      if (typeof def !== 'number' || def < 2) problems.push(`param ${capacity.param.name} needs a default of 2 or more`);
    } else if (typeof capacity.literal !== 'number' || capacity.literal < 2) {
      problems.push('plan sku.capacity must be at least 2');
    }
    return problems;
  },

  /** The web app: Node 20 on Linux, https only, TLS 1.2, no sticky sessions, always on, npm start. */
  webApp(t) {
    const problems: string[] = [];
    const site = resourcesOfType(t, 'Microsoft.Web/sites')[0];
    if (!site) return ['no web app'];
    const kind = literal(get(site.value, 'kind'));
    if (typeof kind !== 'string' || !kind.split(',').includes('linux')) problems.push(`web app kind must include linux, found ${String(kind)}`);
    expectLiteral(problems, 'httpsOnly', get(site.value, 'properties.httpsOnly'), true);
    expectLiteral(problems, 'clientAffinityEnabled (ARR affinity)', get(site.value, 'properties.clientAffinityEnabled'), false);
    expectLiteral(problems, 'siteConfig.linuxFxVersion', get(site.value, 'properties.siteConfig.linuxFxVersion'), 'NODE|20-lts');
    expectLiteral(problems, 'siteConfig.alwaysOn', get(site.value, 'properties.siteConfig.alwaysOn'), true);
    expectLiteral(problems, 'siteConfig.minTlsVersion', get(site.value, 'properties.siteConfig.minTlsVersion'), '1.2');
    expectLiteral(problems, 'siteConfig.ftpsState', get(site.value, 'properties.siteConfig.ftpsState'), 'Disabled');
    expectLiteral(problems, 'siteConfig.healthCheckPath', get(site.value, 'properties.siteConfig.healthCheckPath'), '/health');
    const start = literalOrParam(t, get(site.value, 'properties.siteConfig.appCommandLine'));
    const command = start.param ? literal(start.param.value) : start.literal;
    if (command !== 'npm start') problems.push(`siteConfig.appCommandLine must be (or default to) "npm start", found ${JSON.stringify(command)}`);
    if (!namesUsed(get(site.value, 'properties.serverFarmId')?.raw ?? '').has(resourcesOfType(t, 'Microsoft.Web/serverfarms')[0]?.name ?? '?')) {
      problems.push('web app serverFarmId must point at the plan in this template');
    }
    return problems;
  },

  /** The storage account and container are private and https-only. */
  storage(t) {
    const problems: string[] = [];
    const account = resourcesOfType(t, 'Microsoft.Storage/storageAccounts')[0];
    if (!account) return ['no storage account'];
    expectLiteral(problems, 'storage kind', get(account.value, 'kind'), 'StorageV2');
    expectLiteral(problems, 'supportsHttpsTrafficOnly', get(account.value, 'properties.supportsHttpsTrafficOnly'), true);
    expectLiteral(problems, 'minimumTlsVersion', get(account.value, 'properties.minimumTlsVersion'), 'TLS1_2');
    expectLiteral(problems, 'allowBlobPublicAccess', get(account.value, 'properties.allowBlobPublicAccess'), false);
    const containers = resourcesOfType(t, 'Microsoft.Storage/storageAccounts/blobServices/containers');
    for (const c of containers) {
      expectLiteral(problems, `container ${c.name} publicAccess`, get(c.value, 'properties.publicAccess'), 'None');
    }
    // The app uses AZURE_STORAGE_CONTAINER as a base name for three containers.
    const described = containers.map((c) => `${c.loop ?? ''}\n${get(c.value, 'name')?.raw ?? ''}`).join('\n');
    for (const suffix of ['state', 'transcripts', 'documents']) {
      if (!described.includes(`'${suffix}'`) && !described.includes(`-${suffix}'`)) problems.push(`no container for <base>-${suffix}`);
    }
    const baseParams = paramsUsed(t, appSettings(t).get('AZURE_STORAGE_CONTAINER'));
    for (const c of containers) {
      const used = namesUsed(get(c.value, 'name')?.raw ?? '');
      if (![...baseParams].some((p) => used.has(p))) problems.push(`container ${c.name} is not named from the same parameter as AZURE_STORAGE_CONTAINER`);
    }
    return problems;
  },

  /** The Azure Bot: azurebot kind, identity type from a parameter, endpoint on the web app. */
  bot(t) {
    const problems: string[] = [];
    const bot = resourcesOfType(t, 'Microsoft.BotService/botServices')[0];
    if (!bot) return ['no Azure Bot'];
    expectLiteral(problems, 'bot kind', get(bot.value, 'kind'), 'azurebot');
    const endpoint = resolve(t, get(bot.value, 'properties.endpoint'));
    if (endpoint?.kind !== 'string' || !endpoint.value.startsWith('https://') || !endpoint.value.endsWith('/api/messages')) {
      problems.push(`bot endpoint must be https://<host>/api/messages, found ${endpoint?.raw ?? 'nothing'}`);
    }
    const type = literalOrParam(t, get(bot.value, 'properties.msaAppType'));
    const allowed = type.param ? literal(decorator(type.param, 'allowed')) : undefined;
    if (!Array.isArray(allowed) || !allowed.includes('SingleTenant') || !allowed.includes('UserAssignedMSI')) {
      problems.push('msaAppType must be a parameter allowing SingleTenant and UserAssignedMSI');
    }
    if (!get(bot.value, 'properties.msaAppId')) problems.push('bot has no msaAppId');
    if (!get(bot.value, 'properties.msaAppTenantId')) problems.push('bot has no msaAppTenantId (needed for SingleTenant and UserAssignedMSI)');
    return problems;
  },

  /** No key, password, token or id is written into the template. */
  noSecretLiterals(t) {
    const problems: string[] = [];
    for (const s of t.parsed.strings) {
      const text = s.value.replace(/\$\{[^}]*\}/g, '');
      const where = `line ${s.line}`;
      if (/AccountKey=[^;]/i.test(text)) problems.push(`${where}: a literal storage account key`);
      if (/(password|pwd|secret|sharedaccesskey|sig)=[^;&\s]/i.test(text)) problems.push(`${where}: a literal credential in a connection string or URL`);
      if (/[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/\s:@]+:[^/\s@]+@/.test(text)) problems.push(`${where}: a URL with a user name and password`);
      // Keys and tokens are long runs of mixed case and digits; resource type names have no digits.
      const keyLike = (text.match(/[A-Za-z0-9+/]{40,}={0,2}/g) ?? []).some((run) => /\d/.test(run) && /[a-z]/.test(run) && /[A-Z]/.test(run));
      if (keyLike) problems.push(`${where}: a long key-like string`);
      if (/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i.test(text)) problems.push(`${where}: a literal GUID (app, tenant or subscription ids belong in parameters)`);
    }
    return problems;
  },

  /** The operator gets the endpoint and host name back, and no secret is echoed into the deployment record. */
  outputs(t) {
    const problems: string[] = [];
    for (const name of ['botEndpoint', 'appHostname']) if (!t.outputs.has(name)) problems.push(`output ${name} is missing`);
    for (const o of t.outputs.values()) {
      if ([...paramsUsed(t, o.value)].some((p) => isSecure(t, p))) problems.push(`output ${o.name} exposes a @secure() parameter`);
      if (/listKeys\(|connectionString/i.test(expandedSource(t, o.value))) problems.push(`output ${o.name} exposes a key`);
    }
    return problems;
  },
};

/**
 * Checks an ARM parameters file against the template: only declared
 * parameters, values of the declared type within the declared limits, every
 * parameter without a default given, and no secret written in plain text.
 */
export function checkParameterFile(t: Template, file: unknown): string[] {
  const problems: string[] = [];
  const doc = file as { $schema?: unknown; contentVersion?: unknown; parameters?: Record<string, Record<string, unknown>> };
  if (typeof doc.$schema !== 'string' || !/deploymentParameters\.json#?$/.test(doc.$schema)) problems.push('$schema must be the deploymentParameters schema');
  if (typeof doc.contentVersion !== 'string') problems.push('contentVersion is missing');
  const given = doc.parameters ?? {};
  for (const [name, entry] of Object.entries(given)) {
    const p = t.params.get(name);
    if (!p) {
      problems.push(`${name} is not a parameter of main.bicep`);
      continue;
    }
    const keys = Object.keys(entry ?? {});
    if (keys.length !== 1 || !['value', 'reference'].includes(keys[0])) {
      problems.push(`${name} must have exactly one of "value" or "reference"`);
      continue;
    }
    if (isSecure(t, name) && 'value' in entry) problems.push(`${name} is @secure(): give it on the command line or as a Key Vault reference, not in this file`);
    if (!('value' in entry)) continue;
    const value = entry.value;
    const type = (p.type ?? '').trim();
    const typeOk =
      (type === 'string' && typeof value === 'string') ||
      (type === 'int' && Number.isInteger(value)) ||
      (type === 'bool' && typeof value === 'boolean') ||
      (type === 'array' && Array.isArray(value)) ||
      (type === 'object' && typeof value === 'object' && value !== null && !Array.isArray(value));
    if (!typeOk) {
      problems.push(`${name} must be ${type}, got ${JSON.stringify(value)}`);
      continue;
    }
    const allowed = literal(decorator(p, 'allowed'));
    if (Array.isArray(allowed) && !allowed.includes(value)) problems.push(`${name} = ${JSON.stringify(value)} is not one of ${JSON.stringify(allowed)}`);
    const min = literal(decorator(p, 'minValue'));
    const max = literal(decorator(p, 'maxValue'));
    if (typeof min === 'number' && (value as number) < min) problems.push(`${name} must be at least ${min}`);
    if (typeof max === 'number' && (value as number) > max) problems.push(`${name} must be at most ${max}`);
    const length = typeof value === 'string' || Array.isArray(value) ? value.length : undefined;
    const minLength = literal(decorator(p, 'minLength'));
    const maxLength = literal(decorator(p, 'maxLength'));
    if (length !== undefined && typeof minLength === 'number' && length < minLength) problems.push(`${name} must be at least ${minLength} long`);
    if (length !== undefined && typeof maxLength === 'number' && length > maxLength) problems.push(`${name} must be at most ${maxLength} long`);
  }
  for (const p of t.params.values()) {
    if (!p.value && !isSecure(t, p.name) && !(p.name in given)) problems.push(`${p.name} has no default, so the example must give it`);
  }
  return problems;
}
