// Tests never reach the real network: only loopback is allowed, everything else must be mocked with nock.
import nock from 'nock';

// nock patches Node's shared http module; each test file re-activates it and restores it when done,
// so one file's interceptors never leak into the next when jest runs files in one process.
if (!nock.isActive()) nock.activate();
nock.disableNetConnect();
nock.enableNetConnect(/^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/);
afterEach(() => {
  nock.cleanAll();
});
afterAll(() => {
  nock.restore();
});

// restify 11 on Node 20 warns DEP0111 on load (known and harmless); keep test output readable.
const emitWarning = process.emitWarning.bind(process);
process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
  const code = typeof rest[0] === 'object' && rest[0] ? (rest[0] as { code?: string }).code : rest[1];
  if (code === 'DEP0111') return;
  (emitWarning as (...a: unknown[]) => void)(warning, ...rest);
}) as typeof process.emitWarning;
