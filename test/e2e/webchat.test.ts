import { existsSync, mkdirSync } from 'node:fs';
import { chromium, Browser } from 'playwright-core';
import { RunningApp, startApp } from '../helpers/startApp';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = 'test-artifacts';

/** Web Chat renders straight quotes as curly ones; match either. */
const typographic = (text: string) => new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/'/g, "['’]"));

/**
 * The local web chat page in real headless Chromium: the Web Chat bundle from node_modules, talking
 * to the bot through the built-in Direct Line, as a parent would use it.
 */
describe('web chat page in headless Chromium', () => {
  let running: RunningApp;
  let browser: Browser;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: install Debian's chromium package (.ci/run does)`);
    running = await startApp();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await running?.stop();
  });

  it('shows the welcome, answers "what does a SENCO do?" and saves a screenshot', async () => {
    const page = await browser.newPage({ viewport: { width: 900, height: 900 } });
    await page.goto(`${running.url}/`);
    // The welcome arrives on its own, before the parent types anything.
    await page.getByText('You can talk to a person at any time', { exact: false }).first().waitFor({ timeout: 20_000 });
    const box = page.locator('[data-id="webchat-sendbox-input"], input[aria-label], textarea').first();
    await box.fill('what does a SENCO do?');
    await box.press('Enter');
    await page.getByText('organises the school', { exact: false }).first().waitFor({ timeout: 20_000 });
    const transcript = await page.locator('#webchat').innerText();
    expect(transcript).toMatch(/SENCO/);
    expect(transcript).toMatch(/Sources:.*Code of Practice/);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: `${ARTIFACTS}/webchat-senco.png`, fullPage: true });
  }, 60_000);

  it('walks a worried parent through a concern with buttons and drafts a letter they can download', async () => {
    const page = await browser.newPage({ viewport: { width: 900, height: 1000 } });
    await page.goto(`${running.url}/`);
    const k = running.app.knowledge;
    const say = (key: Parameters<typeof k.prompt>[0]) => k.prompt(key, 'lincolnshire');
    const click = async (name: string) => {
      const button = page.getByRole('button', { name, exact: true }).last();
      await button.waitFor({ timeout: 20_000 });
      await button.click();
    };
    await click(say('welcome.buttons-worried'));
    await page.getByText(typographic(say('concern.ask-stage'))).first().waitFor({ timeout: 20_000 });
    await click(k.escalationStages()[0].choice);
    await page.getByText('Things to bring', { exact: false }).first().waitFor({ timeout: 20_000 });
    await click(say('concern.button-letter'));
    const letter = k.letter('senco-meeting')!;
    for (let i = 0; i < letter.questions.length; i++) {
      await page.getByText(typographic(letter.questions[i].ask)).last().waitFor({ timeout: 20_000 });
      await click(say('common.skip'));
    }
    await page.getByText('DRAFT', { exact: false }).first().waitFor({ timeout: 20_000 });
    // The letter also comes as a file the parent can download.
    const download = page.locator('a[download], a[href^="data:text/plain"], [aria-label*=".txt"]').first();
    await download.waitFor({ timeout: 20_000 });
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: `${ARTIFACTS}/webchat-letter.png`, fullPage: true });
  }, 90_000);
});
