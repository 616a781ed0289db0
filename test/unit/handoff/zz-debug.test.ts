import './helpers/nodeCompat';
import nock from 'nock';
import { WebhookSink } from '../../../src/handoff/sinks/webhookSink';
import { makeRecord } from './helpers/records';
it('debug', async () => {
  nock('https://hooks.example.test').post('/x').reply(async (request: Request) => {
    console.log('headers', [...request.headers.entries()], (await request.text()).slice(0, 80));
    return [400, 'nope', { 'Retry-After': '120' }];
  });
  const e = await new WebhookSink({ url: 'https://hooks.example.test/x', secret: 's' }).deliver(makeRecord()).catch((x: unknown) => x);
  console.log('error', e, (e as Error).cause);
});
