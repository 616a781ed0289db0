// test/helpers/setup.ts loads nock in every test file, and nock patches node's http module, which
// all test files in one jest process share. Without nock.restore() after a file, the next file in
// the same process finds the stale patch refusing its requests ("Disallowed net connect").
// setup.ts should do this for every file; until it does, each hand-off test file imports this.
import nock from 'nock';

afterAll(() => {
  nock.restore();
});
