/**
 * Static checks of deploy/azure/main.bicep and its example parameters.
 * The Bicep compiler is not available offline, so the template is read as
 * text (bicepText.ts) and held to the rules in bicepChecks.ts. The second
 * half breaks the template on purpose to show each rule really catches
 * what it is meant to.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseBicep } from './bicepText';
import { REQUIRED_APP_SETTINGS, Template, appSettings, checkCoversEnvExample, checkParameterFile, checks, loadTemplate } from './bicepChecks';

const root = path.resolve(__dirname, '..', '..');
const azureDir = path.join(root, 'deploy', 'azure');
const bicepText = fs.readFileSync(path.join(azureDir, 'main.bicep'), 'utf8');
const exampleParameters = JSON.parse(fs.readFileSync(path.join(azureDir, 'main.parameters.example.json'), 'utf8'));

/** Applies a text edit, failing if the text to replace is not there, so a stale mutation cannot pass by doing nothing. */
function edit(text: string, from: string | RegExp, to: string): string {
  const changed = text.replace(from, to);
  if (changed === text) throw new Error(`mutation did not apply: ${String(from)}`);
  return changed;
}

describe('deploy/azure/main.bicep', () => {
  let template: Template;
  beforeAll(() => {
    template = loadTemplate(bicepText);
  });

  it('parses, with the declarations the checks rely on', () => {
    expect(template.params.size).toBeGreaterThan(10);
    expect(template.resources.length).toBeGreaterThanOrEqual(9);
  });

  it.each(Object.keys(checks))('passes the %s check', (name) => {
    expect(checks[name](template)).toEqual([]);
  });

  it('sets every variable the app reads', () => {
    expect([...appSettings(template).keys()]).toEqual(expect.arrayContaining(REQUIRED_APP_SETTINGS));
  });

  it('sets every variable .env.example lists, apart from those left at the app default on purpose', () => {
    const envExample = fs.readFileSync(path.join(root, '.env.example'), 'utf8');
    expect(checkCoversEnvExample(template, envExample)).toEqual([]);
  });

  it('documents every parameter in deploy/azure/README.md', () => {
    const readme = fs.readFileSync(path.join(azureDir, 'README.md'), 'utf8');
    const undocumented = [...template.params.keys()].filter((name) => !readme.includes(`\`${name}\``));
    expect(undocumented).toEqual([]);
  });
});

describe('main.parameters.example.json', () => {
  it('sets only parameters main.bicep declares, with valid values and no secrets', () => {
    expect(checkParameterFile(loadTemplate(bicepText), exampleParameters)).toEqual([]);
  });

  it('is caught giving an undeclared parameter, a wrong type or a secret', () => {
    const t = loadTemplate(bicepText);
    const bad = structuredClone(exampleParameters);
    bad.parameters.notAParameter = { value: 'x' };
    bad.parameters.instanceCount = { value: 1 };
    bad.parameters.enableAutoscale = { value: 'yes' };
    bad.parameters.microsoftAppPassword = { value: 'hunter2' };
    const problems = checkParameterFile(t, bad).join('\n');
    expect(problems).toMatch(/notAParameter is not a parameter/);
    expect(problems).toMatch(/instanceCount must be at least 2/);
    expect(problems).toMatch(/enableAutoscale must be bool/);
    expect(problems).toMatch(/microsoftAppPassword is @secure\(\)/);
  });
});

describe('the template checks catch mistakes', () => {
  const cases: [string, (text: string) => string, string, RegExp][] = [
    ['https-only turned off', (s) => edit(s, 'httpsOnly: true', 'httpsOnly: false'), 'webApp', /httpsOnly/],
    ['ARR affinity turned on', (s) => edit(s, 'clientAffinityEnabled: false', 'clientAffinityEnabled: true'), 'webApp', /clientAffinityEnabled/],
    ['TLS 1.0 allowed', (s) => edit(s, "minTlsVersion: '1.2'", "minTlsVersion: '1.0'"), 'webApp', /minTlsVersion/],
    ['Node 18 runtime', (s) => edit(s, "'NODE|20-lts'", "'NODE|18-lts'"), 'webApp', /linuxFxVersion/],
    ['another startup command', (s) => edit(s, "param startupCommand string = 'npm start'", "param startupCommand string = 'node index.js'"), 'webApp', /appCommandLine/],
    ['public blob access', (s) => edit(s, 'allowBlobPublicAccess: false', 'allowBlobPublicAccess: true'), 'storage', /allowBlobPublicAccess/],
    ['http allowed to storage', (s) => edit(s, 'supportsHttpsTrafficOnly: true', 'supportsHttpsTrafficOnly: false'), 'storage', /supportsHttpsTrafficOnly/],
    ['a public container', (s) => edit(s, "publicAccess: 'None'", "publicAccess: 'Blob'"), 'storage', /publicAccess/],
    ['no transcripts container', (s) => edit(s, "  'transcripts'\n", ''), 'storage', /<base>-transcripts/],
    ['a parameter without a description', (s) => edit(s, /@description\('pino log level[^\n]*\n/, ''), 'paramDescriptions', /logLevel/],
    ['a missing app setting', (s) => edit(s, /\n\s*LOG_LEVEL: logLevel/, ''), 'appSettings', /LOG_LEVEL is missing/],
    ['development mode', (s) => edit(s, "NODE_ENV: 'production'", "NODE_ENV: 'development'"), 'appSettings', /NODE_ENV/],
    ['a secret from a plain parameter', (s) => edit(s, /@secure\(\)\nparam handoffWebhookSecret/, 'param handoffWebhookSecret'), 'secureParams', /handoffWebhookSecret looks like a secret/],
    ['a default for a secure parameter', (s) => edit(s, "param smtpUrl string = ''", "param smtpUrl string = 'smtp://mail.example.gov.uk'"), 'secureParams', /smtpUrl has a default/],
    [
      'a literal storage key',
      (s) => `${s}\nvar leaked = 'DefaultEndpointsProtocol=https;AccountName=x;AccountKey=${'Ab1+'.repeat(22)}=='\n`,
      'noSecretLiterals',
      /storage account key/,
    ],
    ['a hard-coded app id', (s) => edit(s, "param microsoftAppId string = ''", "param microsoftAppId string = '2b1f5a3c-9d7e-4c61-8a0f-3e5d7c9b1a24'"), 'noSecretLiterals', /GUID/],
    ['a malformed API version', (s) => edit(s, "'Microsoft.Web/sites@2023-12-01'", "'Microsoft.Web/sites@2023-13-01'"), 'apiVersions', /not a calendar date/],
    ['a single instance', (s) => edit(s, /@minValue\(2\)\n@maxValue\(30\)\nparam instanceCount int = 2/, '@minValue(1)\n@maxValue(30)\nparam instanceCount int = 1'), 'plan', /instanceCount/],
    ['a Basic plan tier', (s) => edit(s, "  'S1'\n  'S2'", "  'B1'\n  'S2'"), 'plan', /B1 cannot autoscale/],
    ['Direct Line v1', (s) => edit(s, 'isV1Enabled: false', 'isV1Enabled: true'), 'resources', /isV1Enabled/],
    ['no Teams channel', (s) => edit(s, "channelName: 'MsTeamsChannel'", "channelName: 'SlackChannel'"), 'resources', /no MsTeamsChannel/],
    ['a multi-tenant-only bot', (s) => edit(s, "  'SingleTenant'\n  'UserAssignedMSI'\n", "  'MultiTenant'\n"), 'bot', /msaAppType/],
    ['an http endpoint', (s) => edit(s, "'https://${defaultHostName}/api/messages'", "'http://${defaultHostName}/api/messages'"), 'bot', /endpoint/],
    ['a secret output', (s) => `${s}\noutput smtp string = smtpUrl\n`, 'outputs', /smtp exposes/],
  ];

  it.each(cases)('%s', (_, mutate, check, expected) => {
    const problems = checks[check](loadTemplate(mutate(bicepText)));
    expect(problems.join('\n')).toMatch(expected);
  });
});

describe('the Bicep reader', () => {
  it('reads literals, interpolation, conditions and decorators', () => {
    const parsed = parseBicep(
      [
        "@description('It\\'s ${1}')",
        '@allowed([',
        "  'a'",
        "  'b'",
        '])',
        "param p string = 'a'",
        "var v = { key: 'x${p}y', n: -3, list: [ true, null ] }",
        "resource r 'Microsoft.Foo/bars@2024-01-01' = if (p == 'a') {",
        "  name: 'r'",
        "  properties: cond ? { a: 1 } : { b: 2 } // a comment",
        '}',
      ].join('\n'),
    );
    const [param, variable, resource] = parsed.declarations;
    expect(param).toMatchObject({ keyword: 'param', name: 'p', type: 'string' });
    expect(param.decorators.map((d) => d.name)).toEqual(['description', 'allowed']);
    expect(variable.value).toMatchObject({ kind: 'object' });
    expect(resource).toMatchObject({ keyword: 'resource', name: 'r', type: 'Microsoft.Foo/bars@2024-01-01', condition: "p == 'a'" });
    expect(resource.value).toMatchObject({ kind: 'object', props: { properties: { kind: 'expr', raw: 'cond ? { a: 1 } : { b: 2 }' } } });
    expect(parsed.strings.map((s) => s.value)).toEqual(expect.arrayContaining(["It's ${1}", 'x${p}y', 'a', 'r']));
  });

  it('reads resource loops', () => {
    const [loop] = parseBicep("resource c 'Microsoft.Foo/bars@2024-01-01' = [for (x, i) in [\n  'a'\n]: if (i > 0) {\n  name: x\n}]\n").declarations;
    expect(loop).toMatchObject({ loop: "(x, i) in [\n  'a'\n]", condition: 'i > 0', value: { kind: 'object', props: { name: { kind: 'expr', raw: 'x' } } } });
  });

  it('refuses what it does not understand, with the line', () => {
    expect(() => parseBicep("param a string\nfunc f() string => 'x'\n")).toThrow(/main\.bicep:2: unsupported statement "func"/);
    expect(() => parseBicep("var x = 'open\n")).toThrow(/main\.bicep:1: line break inside a string/);
  });
});
