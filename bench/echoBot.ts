import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import restify from 'restify';

/**
 * The baseline for bench:load: an echo bot on the same stack (botbuilder CloudAdapter on restify,
 * the same body parser), with none of our work in the turn.
 */
const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
const bot = new ActivityHandler();
bot.onMessage(async (context, next) => {
  await context.sendActivity(`You said: ${context.activity.text ?? ''}`);
  await next();
});
const server = restify.createServer();
server.use(restify.plugins.jsonBodyParser({ maxBodySize: 65536 } as restify.plugins.JsonBodyParserOptions));
server.post('/api/messages', async (req, res) => {
  await adapter.process(req, res, (context) => bot.run(context));
});
server.listen(Number(process.env.PORT ?? 3979), '127.0.0.1', () => process.stdout.write('echo bot ready\n'));
