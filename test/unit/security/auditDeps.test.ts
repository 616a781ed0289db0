import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { RunningApp, startApp } from '../../helpers/startApp';

describe('dependency advisories', () => {
  let running: RunningApp;
  beforeAll(async () => {
    running = await startApp();
  });
  afterAll(async () => running.stop());

  it('no route has two parameters in one path segment (find-my-way CVE-2024-45813 needs that)', () => {
    const info = running.app.server.getDebugInfo() as { routes: Array<{ path: string }> };
    const paths = info.routes.map((r) => r.path);
    expect(paths).toContain('/api/messages');
    for (const p of paths) for (const segment of p.split('/')) expect((segment.match(/:/g) ?? []).length).toBeLessThanOrEqual(1);
  });

  it('audit:deps reports no open advisory for the installed tree', () => {
    if (!existsSync('dist/src/cli/auditDeps.js')) throw new Error('run npm run build first (npm test does)');
    const out = execFileSync(process.execPath, ['dist/src/cli/auditDeps.js'], { encoding: 'utf8' });
    expect(out).toMatch(/0 open\./);
    expect(out).toMatch(/CVE-2024-43799/);
  });
});
