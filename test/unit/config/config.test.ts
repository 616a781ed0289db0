import { ConfigError, loadConfig } from '../../../src/config/config';

describe('loadConfig', () => {
  it('gives embedded defaults with an empty environment (local mode)', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ PORT: 3978, STORAGE: 'file', DATA_DIR: './data', DEFAULT_AREA: 'lincolnshire', LOG_LEVEL: 'info', NODE_ENV: 'development', localMode: true });
    expect(Object.isFrozen(c)).toBe(true);
  });

  it('treats empty strings as unset, as .env files write them', () => {
    expect(loadConfig({ PORT: '', MicrosoftAppId: '', STORAGE: '' })).toMatchObject({ PORT: 3978, localMode: true, STORAGE: 'file' });
  });

  it.each([
    [{ PORT: '8080' }, { PORT: 8080 }],
    [{ STORAGE: 'blob', AZURE_STORAGE_CONNECTION_STRING: 'UseDevelopmentStorage=true' }, { STORAGE: 'blob' }],
    [{ MicrosoftAppId: 'app', MicrosoftAppPassword: 'pw', NODE_ENV: 'production' }, { localMode: false, NODE_ENV: 'production' }],
    [{ HANDOFF_WEBHOOK_URL: 'https://cases.example.org/hook', HANDOFF_WEBHOOK_SECRET: 's3cret' }, { HANDOFF_WEBHOOK_URL: 'https://cases.example.org/hook' }],
    [{ SMTP_URL: 'smtp://127.0.0.1:2525', HANDOFF_EMAIL_TO: 'advisers@example.org' }, { SMTP_URL: 'smtp://127.0.0.1:2525' }],
    [{ LOG_LEVEL: 'debug', RETENTION_DAYS: '7' }, { LOG_LEVEL: 'debug', RETENTION_DAYS: 7 }],
  ])('accepts good values %j', (env, expected) => {
    expect(loadConfig(env)).toMatchObject(expected);
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ STORAGE: 'sql' }, 'STORAGE'],
    [{ STORAGE: 'blob' }, 'AZURE_STORAGE_CONNECTION_STRING'],
    [{ NODE_ENV: 'production' }, 'MicrosoftAppId'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ HANDOFF_WEBHOOK_URL: 'not a url' }, 'HANDOFF_WEBHOOK_URL'],
    [{ HANDOFF_WEBHOOK_URL: 'https://x.example.org' }, 'HANDOFF_WEBHOOK_SECRET'],
    [{ SMTP_URL: 'http://mail.example.org' }, 'SMTP_URL'],
    [{ HANDOFF_EMAIL_TO: 'nobody' }, 'HANDOFF_EMAIL_TO'],
    [{ DEFAULT_AREA: 'Kent County!' }, 'DEFAULT_AREA'],
    [{ MicrosoftAppType: 'Personal' }, 'MicrosoftAppType'],
    [{ RETENTION_DAYS: '0' }, 'RETENTION_DAYS'],
    [{ AZURE_STORAGE_CONTAINER: 'Bad_Name' }, 'AZURE_STORAGE_CONTAINER'],
  ])('rejects %j naming %s in one line', (env, variable) => {
    let error: unknown;
    try {
      loadConfig(env);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variable).toBe(variable);
    expect((error as ConfigError).message).toMatch(new RegExp(`^Configuration error: ${variable} `));
    expect((error as ConfigError).message).not.toContain('\n');
  });

  it('never echoes a secret in the error', () => {
    expect(() => loadConfig({ HANDOFF_WEBHOOK_URL: 'https://x.example.org', HANDOFF_WEBHOOK_SECRET: '' })).toThrow(/HANDOFF_WEBHOOK_SECRET/);
    try {
      loadConfig({ STORAGE: 'blob', AZURE_STORAGE_CONNECTION_STRING: '' });
    } catch (e) {
      expect((e as Error).message).not.toMatch(/AccountKey/);
    }
  });
});
