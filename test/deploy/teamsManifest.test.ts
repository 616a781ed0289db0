/**
 * The Teams app: manifest.json against the v1.17 rules (as a zod schema),
 * the icons by their PNG headers and pixels, and build-package.js end to end
 * (run as a separate process, the way an operator or CI runs it).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readZip } from './zipRead';

// CommonJS modules under deploy/teams (plain Node, so operators need no build step).
const { manifestSchema, formatIssues, checkIcons, PLACEHOLDER_ANYWHERE } = require('../../deploy/teams/manifestSchema');
const { fillPlaceholders, placeholderNames } = require('../../deploy/teams/build-package');
const { decodePng } = require('../../deploy/teams/png');
const { colourIcon, outlineIcon } = require('../../deploy/teams/makeIcons');

/** Manifests are plain JSON here: the schema checks their shape, not TypeScript. */
type Manifest = Record<string, any>;

const root = path.resolve(__dirname, '..', '..');
const teamsDir = path.join(root, 'deploy', 'teams');
const buildScript = path.join(teamsDir, 'build-package.js');
const template: Manifest = JSON.parse(fs.readFileSync(path.join(teamsDir, 'manifest.json'), 'utf8'));

const TEST_BOT_ID = '6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f';
const TEST_ENV = {
  BOT_ID: TEST_BOT_ID,
  BOT_DOMAIN: 'send-guide-test.azurewebsites.net',
  DEVELOPER_NAME: 'Example County Council',
  DEVELOPER_WEBSITE_URL: 'https://www.example.gov.uk/send',
  DEVELOPER_PRIVACY_URL: 'https://www.example.gov.uk/send/privacy',
  DEVELOPER_TERMS_URL: 'https://www.example.gov.uk/send/terms',
};

/** Problems the schema finds, as "path: message" lines; empty when valid. */
function problems(manifest: unknown, options?: { allowPlaceholders: boolean }): string[] {
  const result = manifestSchema(options).safeParse(manifest);
  return result.success ? [] : formatIssues(result.error);
}

/** The manifest as build-package.js would fill it with TEST_ENV (TEAMS_APP_ID falling back to BOT_ID). */
function filled(): Manifest {
  return fillPlaceholders(template, { ...TEST_ENV, TEAMS_APP_ID: TEST_BOT_ID });
}

/** Width and height straight from the IHDR chunk: bytes 16-23, after the signature and the chunk's length and type. */
function ihdrSize(file: string): { width: number; height: number } {
  const bytes = fs.readFileSync(file);
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(bytes.toString('ascii', 12, 16)).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** Runs build-package.js with only PATH and the given variables, so the caller's environment cannot leak in. */
function runBuild(env: Record<string, string>, out: string) {
  return spawnSync(process.execPath, [buildScript, '--out', out], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
    timeout: 20000,
  });
}

describe('deploy/teams/manifest.json', () => {
  it('meets the v1.17 schema rules, placeholders allowed', () => {
    expect(problems(template, { allowPlaceholders: true })).toEqual([]);
  });

  it('is on manifest schema 1.17', () => {
    expect(template.manifestVersion).toBe('1.17');
    expect(template.$schema).toBe('https://developer.microsoft.com/en-us/json-schemas/teams/v1.17/MicrosoftTeams.schema.json');
  });

  it('takes the app id and bot id from ${{NAME}} placeholders', () => {
    expect(template.id).toBe('${{TEAMS_APP_ID}}');
    expect(template.bots[0].botId).toBe('${{BOT_ID}}');
  });

  it('documents every placeholder in deploy/README.md and build-package.js', () => {
    const readme = fs.readFileSync(path.join(root, 'deploy', 'README.md'), 'utf8');
    const script = fs.readFileSync(buildScript, 'utf8');
    const names: string[] = placeholderNames(template);
    expect(names.length).toBeGreaterThan(0);
    expect(names.filter((n) => !readme.includes(n))).toEqual([]);
    expect(names.filter((n) => !script.includes(n))).toEqual([]);
  });

  it('offers the bot to parents (personal) and to the advisers\' channel (team)', () => {
    const bot = template.bots[0];
    expect(bot.scopes).toEqual(['personal', 'team']);
    const personal = bot.commandLists.find((l: Manifest) => l.scopes.includes('personal'));
    expect(personal.commands.map((c: Manifest) => c.title)).toEqual(['help', 'talk to a person', 'start over']);
    expect(bot.commandLists.some((l: Manifest) => l.scopes.includes('team'))).toBe(true);
  });

  it('has icons of the sizes Teams requires, read from their IHDR chunks', () => {
    expect(ihdrSize(path.join(teamsDir, template.icons.color))).toEqual({ width: 192, height: 192 });
    expect(ihdrSize(path.join(teamsDir, template.icons.outline))).toEqual({ width: 32, height: 32 });
  });

  it('has a white-on-transparent outline icon and a full-colour colour icon', () => {
    expect(checkIcons(template, teamsDir)).toEqual([]);
    const { rgba } = decodePng(fs.readFileSync(path.join(teamsDir, template.icons.color)));
    let coloured = 0;
    for (let i = 0; i < rgba.length; i += 4) {
      expect(rgba[i + 3]).toBe(255);
      if (rgba[i] !== rgba[i + 1] || rgba[i + 1] !== rgba[i + 2]) coloured++;
    }
    expect(coloured).toBeGreaterThan(rgba.length / 8); // most of the tile is the accent colour
  });

  it('has the icons makeIcons.js draws (compared pixel by pixel, so a zlib upgrade cannot fail it)', () => {
    expect(decodePng(fs.readFileSync(path.join(teamsDir, 'color.png'))).rgba.equals(colourIcon())).toBe(true);
    expect(decodePng(fs.readFileSync(path.join(teamsDir, 'outline.png'))).rgba.equals(outlineIcon())).toBe(true);
  });
});

describe('the manifest schema', () => {
  it('accepts the filled-in manifest and refuses the template once placeholders are not allowed', () => {
    expect(problems(filled())).toEqual([]);
    expect(problems(template).join('\n')).toMatch(/^id: must be a GUID/m);
  });

  const cases: [string, (m: Manifest) => void, RegExp][] = [
    ['short name over 30 characters', (m) => (m.name.short = 'x'.repeat(31)), /^name\.short:/m],
    ['no full name', (m) => delete m.name.full, /^name\.full:/m],
    ['short description over 80 characters', (m) => (m.description.short = 'x'.repeat(81)), /^description\.short:/m],
    ['full description over 4000 characters', (m) => (m.description.full = 'x'.repeat(4001)), /^description\.full:/m],
    ['full description the same as the short one', (m) => (m.description.full = m.description.short), /^description\.full: full must say more/m],
    ['a version that is not MAJOR.MINOR.PATCH', (m) => (m.version = '1.0'), /^version:/m],
    ['an older manifest version', (m) => (m.manifestVersion = '1.16'), /^manifestVersion: must be 1\.17 or later/m],
    ['a $schema for another version', (m) => (m.$schema = m.$schema.replace('v1.17', 'v1.16')), /^\$schema:/m],
    ['an app id that is not a GUID', (m) => (m.id = 'send-guide'), /^id: must be a GUID/m],
    ['a bot id that is not a GUID', (m) => (m.bots[0].botId = '1234'), /^bots\.0\.botId: must be a GUID/m],
    ['an http developer link', (m) => (m.developer.websiteUrl = 'http://www.example.gov.uk'), /^developer\.websiteUrl: must be an https:\/\/ URL/m],
    ['no privacy link', (m) => delete m.developer.privacyUrl, /^developer\.privacyUrl:/m],
    ['a developer name over 32 characters', (m) => (m.developer.name = 'x'.repeat(33)), /^developer\.name:/m],
    ['an accent colour that is not hex', (m) => (m.accentColor = 'teal'), /^accentColor:/m],
    ['an icon in a folder', (m) => (m.icons.color = 'icons/color.png'), /^icons\.color:/m],
    ['an unknown scope', (m) => (m.bots[0].scopes = ['personal', 'channel']), /^bots\.0\.scopes\.1:/m],
    ['a repeated scope', (m) => (m.bots[0].scopes = ['personal', 'personal']), /^bots\.0\.scopes: must not repeat/m],
    ['two bots', (m) => m.bots.push(m.bots[0]), /^bots:/m],
    [
      'eleven commands',
      (m) => (m.bots[0].commandLists[0].commands = Array.from({ length: 11 }, (_, i) => ({ title: `c${i}`, description: 'd' }))),
      /^bots\.0\.commandLists\.0\.commands:/m,
    ],
    ['a command title over 32 characters', (m) => (m.bots[0].commandLists[0].commands[0].title = 'x'.repeat(33)), /^bots\.0\.commandLists\.0\.commands\.0\.title:/m],
    ['a command description over 128 characters', (m) => (m.bots[0].commandLists[0].commands[0].description = 'x'.repeat(129)), /commands\.0\.description:/m],
    ['a command list for a scope the bot lacks', (m) => (m.bots[0].commandLists[1].scopes = ['groupChat']), /scope "groupChat" is not one of the bot's scopes/],
    ['a valid domain with a scheme', (m) => (m.validDomains = ['https://bot.example.gov.uk']), /^validDomains\.0:/m],
    ['a wildcard over a shared hosting domain', (m) => (m.validDomains = ['*.azurewebsites.net']), /^validDomains\.0:/m],
    ['more than 16 valid domains', (m) => (m.validDomains = Array.from({ length: 17 }, (_, i) => `h${i}.example.gov.uk`)), /^validDomains:/m],
    ['an unknown top-level property', (m) => (m.colour = '#000000'), /colour/],
    ['a placeholder left in a filled manifest', (m) => (m.developer.name = '${{DEVELOPER_NAME}}'), /^developer\.name: still holds a placeholder/m],
  ];

  it.each(cases)('refuses %s', (_, change, expected) => {
    const manifest = filled();
    change(manifest);
    expect(problems(manifest).join('\n')).toMatch(expected);
  });
});

describe('deploy/teams/build-package.js', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'teams-package-'));
  });
  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('writes a zip with manifest.json and the two icons at its root, the ids filled in', () => {
    const out = path.join(dir, 'app-package.zip');
    const run = runBuild(TEST_ENV, out);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/wrote .*app-package\.zip/);

    const entries = readZip(fs.readFileSync(out));
    expect(entries.map((e) => e.name).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);

    const manifest = JSON.parse(entries.find((e) => e.name === 'manifest.json')!.data.toString('utf8'));
    expect(manifest.id).toBe(TEST_BOT_ID);
    expect(manifest.bots[0].botId).toBe(TEST_BOT_ID);
    expect(manifest.validDomains).toEqual([TEST_ENV.BOT_DOMAIN]);
    expect(manifest.developer.privacyUrl).toBe(TEST_ENV.DEVELOPER_PRIVACY_URL);
    expect(JSON.stringify(manifest)).not.toMatch(PLACEHOLDER_ANYWHERE);
    expect(problems(manifest)).toEqual([]);

    for (const icon of ['color.png', 'outline.png']) {
      expect(entries.find((e) => e.name === icon)!.data.equals(fs.readFileSync(path.join(teamsDir, icon)))).toBe(true);
    }
  });

  it('uses TEAMS_APP_ID for the app id when it is given', () => {
    const out = path.join(dir, 'separate-ids.zip');
    const appId = '0d9e8f7a-6b5c-4d3e-a2f1-0e9d8c7b6a50';
    expect(runBuild({ ...TEST_ENV, TEAMS_APP_ID: appId }, out).status).toBe(0);
    const manifest = JSON.parse(readZip(fs.readFileSync(out)).find((e) => e.name === 'manifest.json')!.data.toString('utf8'));
    expect(manifest.id).toBe(appId);
    expect(manifest.bots[0].botId).toBe(TEST_BOT_ID);
  });

  it('keeps quotes and backslashes in values intact', () => {
    const out = path.join(dir, 'quotes.zip');
    const name = 'O\'Neill "SEND" \\ Team';
    expect(runBuild({ ...TEST_ENV, DEVELOPER_NAME: name }, out).status).toBe(0);
    const manifest = JSON.parse(readZip(fs.readFileSync(out)).find((e) => e.name === 'manifest.json')!.data.toString('utf8'));
    expect(manifest.developer.name).toBe(name);
  });

  it('gives the same bytes for the same inputs', () => {
    const a = path.join(dir, 'a.zip');
    const b = path.join(dir, 'b.zip');
    expect(runBuild(TEST_ENV, a).status).toBe(0);
    expect(runBuild(TEST_ENV, b).status).toBe(0);
    expect(fs.readFileSync(a).equals(fs.readFileSync(b))).toBe(true);
  });

  it('names every missing variable and writes nothing', () => {
    const out = path.join(dir, 'missing.zip');
    const { BOT_ID: _omitted, DEVELOPER_NAME: _alsoOmitted, ...rest } = TEST_ENV;
    const run = runBuild(rest, out);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/missing environment variables: .*BOT_ID.*DEVELOPER_NAME/);
    expect(run.stderr).toMatch(/TEAMS_APP_ID \(or BOT_ID\)/);
    expect(fs.existsSync(out)).toBe(false);
  });

  it('refuses values Teams would reject, saying which field, and writes nothing', () => {
    const out = path.join(dir, 'invalid.zip');
    const run = runBuild({ ...TEST_ENV, BOT_ID: 'not-a-guid', DEVELOPER_TERMS_URL: 'http://www.example.gov.uk/terms' }, out);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/bots\.0\.botId: must be a GUID/);
    expect(run.stderr).toMatch(/developer\.termsOfUseUrl: must be an https:\/\/ URL/);
    expect(fs.existsSync(out)).toBe(false);
  });
});
