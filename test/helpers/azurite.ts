import { ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** Azurite's published development account key (public, documented by Microsoft; not a secret). */
const DEV_ACCOUNT = 'devstoreaccount1';
const DEV_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';
const HOST = '127.0.0.1';
const START_TIMEOUT_MS = 20_000;
const STOP_TIMEOUT_MS = 5_000;

/** A real Azurite blob server in a child process, on a free loopback port. */
export interface Azurite {
  /** The port it listens on; kept across stop/start so clients keep working after a restart. */
  readonly port: number;
  /** Connection string with the well-known devstoreaccount1 key. */
  readonly connectionString: string;
  /** Stops the server (data is kept on disk for a later `start`). */
  stop(): Promise<void>;
  /** Starts it again on the same port with the same data (after `stop`). */
  start(): Promise<void>;
  /** Stops it and deletes its data folder. */
  dispose(): Promise<void>;
}

function azuriteBlobMain(): string {
  // The package's own blob entry point (what node_modules/.bin/azurite-blob links to), run with this Node.
  return join(dirname(require.resolve('azurite/package.json')), 'dist', 'src', 'blob', 'main.js');
}

function waitForExit(child: ChildProcess, timeoutMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
    }, timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** Resolves when a TCP connection to the port succeeds. */
function acceptsConnections(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: HOST, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Spawns Azurite; resolves with the process and the port it reports once it listens. */
function spawnAzurite(location: string, port: number): Promise<{ child: ChildProcess; port: number }> {
  const args = [
    azuriteBlobMain(),
    '--blobHost', HOST,
    '--blobPort', String(port),
    '--location', location,
    '--skipApiVersionCheck',
    '--loose',
    '--disableTelemetry', // otherwise it phones home
  ];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let output = '';
    const fail = (reason: string): void => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`Azurite did not start: ${reason}\n${output}`));
    };
    const timer = setTimeout(() => fail('timed out'), START_TIMEOUT_MS);
    child.once('exit', (code) => fail(`exited with ${code}`));
    child.stderr?.on('data', (data: Buffer) => {
      output += data.toString();
    });
    child.stdout?.on('data', (data: Buffer) => {
      output += data.toString();
      const match = /successfully listens on http:\/\/[^:]+:(\d+)/.exec(output);
      if (!match) return;
      const actual = Number(match[1]);
      void acceptsConnections(actual).then((ok) => {
        if (!ok) return fail(`port ${actual} does not accept connections`);
        clearTimeout(timer);
        child.removeAllListeners('exit');
        // From here on only drain its access log, do not keep it.
        child.stdout?.removeAllListeners('data');
        child.stderr?.removeAllListeners('data');
        child.stdout?.resume();
        child.stderr?.resume();
        resolve({ child, port: actual });
      });
    });
  });
}

/**
 * Starts Azurite's blob service on a free port chosen by the OS, with its data in a fresh temporary folder
 * (not in memory, so a stop/start keeps containers, as a real outage would). Call `dispose()` in afterAll.
 */
export async function startAzurite(): Promise<Azurite> {
  const location = await mkdtemp(join(tmpdir(), 'azurite-'));
  let { child, port } = await spawnAzurite(location, 0);
  let running: ChildProcess | undefined = child;
  // Never leave a server behind if the test process dies first.
  const killOnExit = (): void => {
    running?.kill('SIGKILL');
  };
  process.once('exit', killOnExit);

  const stop = async (): Promise<void> => {
    const current = running;
    running = undefined;
    if (!current) return;
    current.kill('SIGTERM');
    await waitForExit(current, STOP_TIMEOUT_MS);
  };

  return {
    port,
    connectionString:
      `DefaultEndpointsProtocol=http;AccountName=${DEV_ACCOUNT};AccountKey=${DEV_KEY};` +
      `BlobEndpoint=http://${HOST}:${port}/${DEV_ACCOUNT};`,
    stop,
    async start() {
      if (running) return;
      ({ child, port } = await spawnAzurite(location, port));
      running = child;
    },
    async dispose() {
      await stop();
      process.removeListener('exit', killOnExit);
      await rm(location, { recursive: true, force: true });
    },
  };
}
