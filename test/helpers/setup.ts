// Tests never reach the real network: only loopback is allowed, everything else must be mocked with nock.
import nock from 'nock';

nock.disableNetConnect();
nock.enableNetConnect(/^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/);
afterEach(() => {
  nock.cleanAll();
});
