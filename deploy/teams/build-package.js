#!/usr/bin/env node
'use strict';
/**
 * Builds the Teams app package: deploy/teams/build/app-package.zip holding
 * manifest.json, color.png and outline.png at its root.
 *
 * Each ${{NAME}} in manifest.json is replaced by the environment variable NAME:
 *   BOT_ID                 the bot's Microsoft App ID (client ID of the app registration or managed identity)
 *   TEAMS_APP_ID           the Teams app's own id; when unset, BOT_ID is used (one id for both is usual for a bot-only app)
 *   BOT_DOMAIN             host name of the web app, e.g. app-send-guide-ab12cd.azurewebsites.net
 *   DEVELOPER_NAME         who publishes the app (at most 32 characters)
 *   DEVELOPER_WEBSITE_URL, DEVELOPER_PRIVACY_URL, DEVELOPER_TERMS_URL   https:// links
 * The filled-in manifest and the icons are validated before anything is written,
 * so a package that Teams would refuse is never produced.
 *
 * Usage: node deploy/teams/build-package.js [--out FILE]
 * Tip:   node --env-file=teams.env deploy/teams/build-package.js   (Node 20.6+ reads NAME=value lines)
 */
const fs = require('node:fs');
const path = require('node:path');
const { manifestSchema, formatIssues, checkIcons, PLACEHOLDER_ANYWHERE } = require('./manifestSchema');
const { createZip } = require('./zip');

const HERE = __dirname;
const TEMPLATE = path.join(HERE, 'manifest.json');
const DEFAULT_OUT = path.join(HERE, 'build', 'app-package.zip');
/** Placeholders that may be left unset because they fall back to another one. */
const FALLBACKS = { TEAMS_APP_ID: 'BOT_ID' };

class BuildError extends Error {
  constructor(lines) {
    super(lines.join('\n'));
    this.name = 'BuildError';
  }
}

/** Names of the placeholders used anywhere in a JSON value, sorted. */
function placeholderNames(value) {
  const names = new Set();
  const visit = (v) => {
    if (typeof v === 'string') for (const m of v.matchAll(PLACEHOLDER_ANYWHERE)) names.add(m[1]);
    else if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === 'object') Object.values(v).forEach(visit);
  };
  visit(value);
  return [...names].sort();
}

/**
 * Works out the value for every placeholder from `env`. Blank values count as
 * missing: an empty app id would only fail later, less clearly.
 */
function resolvePlaceholders(names, env) {
  const values = {};
  const missing = [];
  for (const name of names) {
    const own = (env[name] ?? '').trim();
    const fallback = FALLBACKS[name] ? (env[FALLBACKS[name]] ?? '').trim() : '';
    const value = own || fallback;
    if (!value) missing.push(FALLBACKS[name] ? `${name} (or ${FALLBACKS[name]})` : name);
    else if (value.includes('${{')) throw new BuildError([`build-package: ${name} must not itself contain a \${{...}} placeholder`]);
    else values[name] = value;
  }
  if (missing.length) {
    throw new BuildError([
      `build-package: missing environment variable${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}`,
      '  Each ${{NAME}} in deploy/teams/manifest.json is replaced by the environment variable NAME.',
      '  See deploy/README.md, "Connect Microsoft Teams", for what each one holds.',
    ]);
  }
  return values;
}

/**
 * Replaces placeholders in every string of a parsed JSON value. Working on the
 * parsed value rather than the file text means a value with a quote or a
 * backslash in it cannot break the JSON.
 */
function fillPlaceholders(value, values) {
  if (typeof value === 'string') return value.replace(PLACEHOLDER_ANYWHERE, (_, name) => values[name]);
  if (Array.isArray(value)) return value.map((v) => fillPlaceholders(v, values));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fillPlaceholders(v, values)]));
  }
  return value;
}

function readTemplate() {
  let template;
  try {
    template = JSON.parse(fs.readFileSync(TEMPLATE, 'utf8'));
  } catch (err) {
    throw new BuildError([`build-package: cannot read ${path.relative(process.cwd(), TEMPLATE)}: ${err.message}`]);
  }
  const checked = manifestSchema({ allowPlaceholders: true }).safeParse(template);
  if (!checked.success) {
    throw new BuildError(['build-package: manifest.json itself is invalid:', ...formatIssues(checked.error).map((l) => `  ${l}`)]);
  }
  return template;
}

/**
 * Fills in, validates and writes the package.
 * @param {{ env?: NodeJS.ProcessEnv, out?: string }} [options]
 * @returns {{ outFile: string, manifest: object, size: number }}
 */
function buildPackage({ env = process.env, out = DEFAULT_OUT } = {}) {
  const template = readTemplate();
  const values = resolvePlaceholders(placeholderNames(template), env);
  const manifest = fillPlaceholders(template, values);

  const checked = manifestSchema().safeParse(manifest);
  const problems = checked.success ? [] : formatIssues(checked.error);
  problems.push(...checkIcons(manifest, HERE));
  if (problems.length) {
    throw new BuildError(['build-package: the filled-in manifest is not valid for Teams:', ...problems.map((l) => `  ${l}`)]);
  }

  const zip = createZip([
    { name: 'manifest.json', data: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8') },
    { name: manifest.icons.color, data: fs.readFileSync(path.join(HERE, manifest.icons.color)) },
    { name: manifest.icons.outline, data: fs.readFileSync(path.join(HERE, manifest.icons.outline)) },
  ]);
  const outFile = path.resolve(out);
  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  // Write beside the target, then rename, so a half-written zip is never left under the final name.
  const partial = `${outFile}.partial`;
  fs.writeFileSync(partial, zip);
  fs.renameSync(partial, outFile);
  return { outFile, manifest, size: zip.length };
}

function parseArgs(argv) {
  const options = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') options.help = true;
    else if (arg === '--out') {
      if (!argv[i + 1]) throw new BuildError(['build-package: --out needs a file name']);
      options.out = argv[++i];
    } else if (arg.startsWith('--out=')) options.out = arg.slice('--out='.length);
    else throw new BuildError([`build-package: unknown argument "${arg}" (try --help)`]);
  }
  return options;
}

function main() {
  try {
    const options = parseArgs(process.argv.slice(2));
    if (options.help) {
      console.log('Usage: node deploy/teams/build-package.js [--out FILE]\nReads BOT_ID, TEAMS_APP_ID (optional), BOT_DOMAIN and DEVELOPER_* from the environment; see the top of this file.');
      return;
    }
    const { outFile, manifest, size } = buildPackage({ out: options.out });
    console.log(`wrote ${path.relative(process.cwd(), outFile)} (${size} bytes): app ${manifest.id}, bot ${manifest.bots[0].botId}, version ${manifest.version}`);
  } catch (err) {
    if (!(err instanceof BuildError)) throw err;
    console.error(err.message);
    process.exitCode = 1;
  }
}

if (require.main === module) main();

module.exports = { buildPackage, fillPlaceholders, placeholderNames, resolvePlaceholders, BuildError, FALLBACKS };
