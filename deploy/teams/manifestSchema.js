'use strict';
/**
 * The Teams app manifest rules this project relies on, as a zod schema.
 *
 * It follows the required fields and limits of the published v1.17 schema
 * (MicrosoftTeams.schema.json) for the parts our manifest uses, and adds the
 * few rules the Teams validators apply on upload that the JSON schema cannot
 * express (https-only developer links, bare host names in validDomains, a
 * full description that differs from the short one).
 *
 * Two modes:
 *  - template (allowPlaceholders: true): the committed manifest.json, where the
 *    app id, bot id, domain and developer details are ${{NAME}} placeholders;
 *  - package (default): the manifest after build-package.js has filled them in,
 *    where any placeholder left over is an error.
 *
 * Shared by build-package.js (which refuses to write an invalid package) and
 * test/deploy/teamsManifest.test.ts, so there is one statement of the rules.
 */
const fs = require('node:fs');
const path = require('node:path');
const { z } = require('zod');
const { readPngHeader, decodePng } = require('./png');

/** A whole-string placeholder such as ${{BOT_ID}}: upper-case letters, digits and underscores. */
const PLACEHOLDER = /^\$\{\{[A-Z][A-Z0-9_]*\}\}$/;
/** Any placeholder inside a longer string, for finding and replacing them. */
const PLACEHOLDER_ANYWHERE = /\$\{\{([A-Z][A-Z0-9_]*)\}\}/g;
const GUID = /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;
/** MAJOR.MINOR.PATCH only: Teams compares versions and refuses pre-release tags. */
const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;
const HEX_COLOUR = /^#[0-9a-fA-F]{6}$/;
/** A host name, optionally with a leading "*." wildcard label; no scheme, port or path. */
const DOMAIN = /^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;
/**
 * Suffixes shared by every customer of a hosting service. A wildcard over one
 * of them would trust other people's sites, and Teams refuses it.
 */
const SHARED_SUFFIXES = ['azurewebsites.net', 'azurestaticapps.net', 'botframework.com', 'cloudapp.net', 'trafficmanager.net'];
const SCOPES = ['team', 'personal', 'groupChat'];
const ICON_SIZES = { color: 192, outline: 32 };

/**
 * Top-level properties the v1.17 schema defines that this project does not
 * use. They are allowed (the schema allows them) but not checked further;
 * anything else is refused, as the schema has additionalProperties: false.
 */
const OTHER_TOP_LEVEL_KEYS = [
  'localizationInfo', 'configurableTabs', 'staticTabs', 'connectors', 'subscriptionOffer', 'composeExtensions',
  'permissions', 'devicePermissions', 'webApplicationInfo', 'graphConnector', 'showLoadingIndicator', 'isFullScreen',
  'activities', 'configurableProperties', 'supportedChannelTypes', 'defaultBlockUntilAdminAction', 'publisherDocsUrl',
  'defaultInstallScope', 'defaultGroupCapability', 'meetingExtensionDefinition', 'authorization', 'extensions',
  'dashboardCards',
];

function isHttpsUrl(value) {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' && url.hostname.length > 0;
  } catch {
    return false;
  }
}

function unique(values) {
  return new Set(values).size === values.length;
}

/** Every string in a JSON value, with its path, for the left-over placeholder check. */
function* strings(value, at = []) {
  if (typeof value === 'string') yield [at, value];
  else if (Array.isArray(value)) for (let i = 0; i < value.length; i++) yield* strings(value[i], [...at, i]);
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) yield* strings(v, [...at, k]);
}

/**
 * @param {{ allowPlaceholders?: boolean }} [options]
 */
function manifestSchema({ allowPlaceholders = false } = {}) {
  /** A string field checked by `test` unless, in template mode, it is exactly one placeholder. */
  const field = (test, message, max = 2048) =>
    z.string().min(1).max(max).refine((v) => (allowPlaceholders && PLACEHOLDER.test(v)) || test(v), { message });

  const guid = field((v) => GUID.test(v), 'must be a GUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)');
  const httpsUrl = field(isHttpsUrl, 'must be an https:// URL');
  const domain = field(
    (v) => DOMAIN.test(v) && !(v.startsWith('*.') && SHARED_SUFFIXES.includes(v.slice(2).toLowerCase())),
    'must be a host name such as bot.example.gov.uk (no https://, port or path; no wildcard over a shared hosting domain)',
  );
  const scopeList = z
    .array(z.enum(SCOPES))
    .min(1)
    .max(3)
    .refine(unique, { message: 'must not repeat a scope' });
  const iconFile = z
    .string()
    .max(2048)
    .regex(/^[^/\\]+\.png$/i, 'must be the name of a .png file at the root of the package');

  const command = z.strictObject({
    title: z.string().min(1).max(32),
    description: z.string().min(1).max(128),
  });
  const commandList = z.strictObject({
    scopes: scopeList,
    commands: z
      .array(command)
      .min(1)
      .max(10)
      .refine((cs) => unique(cs.map((c) => c.title.toLowerCase())), { message: 'command titles must be unique within a list' }),
  });
  const bot = z
    .strictObject({
      botId: guid,
      scopes: scopeList,
      needsChannelSelector: z.boolean().optional(),
      isNotificationOnly: z.boolean().optional(),
      supportsFiles: z.boolean().optional(),
      supportsCalling: z.boolean().optional(),
      supportsVideo: z.boolean().optional(),
      configuration: z.unknown().optional(),
      commandLists: z.array(commandList).max(3).optional(),
    })
    .superRefine((b, ctx) => {
      const seen = new Set();
      (b.commandLists ?? []).forEach((list, i) => {
        for (const scope of list.scopes) {
          if (!b.scopes.includes(scope)) ctx.addIssue({ code: 'custom', path: ['commandLists', i, 'scopes'], message: `scope "${scope}" is not one of the bot's scopes` });
          if (seen.has(scope)) ctx.addIssue({ code: 'custom', path: ['commandLists', i, 'scopes'], message: `scope "${scope}" already has a command list` });
          seen.add(scope);
        }
      });
    });

  const others = Object.fromEntries(OTHER_TOP_LEVEL_KEYS.map((k) => [k, z.unknown().optional()]));

  return z
    .strictObject({
      $schema: z.string().optional(),
      manifestVersion: z.string().regex(/^1\.(1[7-9]|[2-9]\d)$/, 'must be 1.17 or later'),
      version: z.string().max(256).regex(SEMVER, 'must be MAJOR.MINOR.PATCH, e.g. 1.0.0'),
      id: guid,
      packageName: z.string().max(64).optional(),
      developer: z.strictObject({
        name: field(() => true, 'is required', 32),
        mpnId: z.string().max(10).optional(),
        websiteUrl: httpsUrl,
        privacyUrl: httpsUrl,
        termsOfUseUrl: httpsUrl,
      }),
      name: z.strictObject({
        short: z.string().min(1).max(30),
        full: z.string().min(1).max(100),
      }),
      description: z
        .strictObject({
          short: z.string().min(1).max(80),
          full: z.string().min(1).max(4000),
        })
        .refine((d) => d.full.trim() !== d.short.trim(), { message: 'full must say more than short', path: ['full'] }),
      icons: z.strictObject({ outline: iconFile, color: iconFile }),
      accentColor: z.string().regex(HEX_COLOUR, 'must be a hex colour such as #1F5F8B'),
      bots: z.array(bot).max(1).optional(),
      validDomains: z
        .array(domain)
        .max(16)
        .refine((ds) => unique(ds.map((d) => d.toLowerCase())), { message: 'must not repeat a domain' })
        .optional(),
      ...others,
    })
    .superRefine((m, ctx) => {
      // The $schema URL names a version; a mismatch means an editor validates against the wrong rules.
      if (m.$schema !== undefined) {
        const expected = [
          `https://developer.microsoft.com/en-us/json-schemas/teams/v${m.manifestVersion}/MicrosoftTeams.schema.json`,
          `https://developer.microsoft.com/json-schemas/teams/v${m.manifestVersion}/MicrosoftTeams.schema.json`,
        ];
        if (!expected.includes(m.$schema)) ctx.addIssue({ code: 'custom', path: ['$schema'], message: `must be ${expected[0]}` });
      }
      if (!allowPlaceholders) {
        for (const [at, value] of strings(m)) {
          if (value.includes('${{')) ctx.addIssue({ code: 'custom', path: at, message: `still holds a placeholder: ${value}` });
        }
      }
    });
}

/** One line per problem, "path: message", for people reading a build log. */
function formatIssues(error) {
  return error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(manifest)'}: ${i.message}`);
}

/**
 * Checks the icon files a manifest names, in `dir`: each must be a PNG of the
 * size Teams requires (read from IHDR), and the outline icon must be white on
 * transparent. Returns a list of problems, empty when all is well.
 */
function checkIcons(manifest, dir) {
  const problems = [];
  for (const [kind, size] of Object.entries(ICON_SIZES)) {
    const name = manifest.icons?.[kind];
    if (typeof name !== 'string') continue; // the schema reports a missing name
    const file = path.join(dir, name);
    if (!fs.existsSync(file)) {
      problems.push(`icons.${kind}: ${name} not found in ${dir}`);
      continue;
    }
    const bytes = fs.readFileSync(file);
    let header;
    try {
      header = readPngHeader(bytes);
    } catch (err) {
      problems.push(`icons.${kind}: ${name} is not a PNG (${err.message})`);
      continue;
    }
    if (header.width !== size || header.height !== size) {
      problems.push(`icons.${kind}: ${name} is ${header.width}x${header.height}, Teams needs ${size}x${size}`);
      continue;
    }
    if (kind === 'outline') {
      const { rgba } = decodePng(bytes);
      let coloured = 0;
      let opaqueBackground = true;
      for (let i = 0; i < rgba.length; i += 4) {
        if (rgba[i + 3] === 0) opaqueBackground = false;
        else if (rgba[i] !== 255 || rgba[i + 1] !== 255 || rgba[i + 2] !== 255) coloured++;
      }
      if (coloured) problems.push(`icons.outline: ${name} has ${coloured} visible pixels that are not white`);
      if (opaqueBackground) problems.push(`icons.outline: ${name} has no transparent background`);
    }
  }
  return problems;
}

module.exports = {
  manifestSchema,
  formatIssues,
  checkIcons,
  isHttpsUrl,
  PLACEHOLDER,
  PLACEHOLDER_ANYWHERE,
  SCOPES,
  ICON_SIZES,
};
