import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { authHeader, TEST_AUTH_ENV } from '../../apps/api/src/auth/testing/test-tokens.js';

const ROOT = join(import.meta.dirname, '..', '..');

/** Compiles the production build (incremental: nearly free when CI has just built it). */
export function buildOnce(): void {
  const result = spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: ROOT, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`build failed:\n${result.stdout}\n${result.stderr}`);
}

export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** The built CLI (`npx danvan …`), run to its end. */
export function runCli(args: readonly string[], env: Record<string, string>): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [join(ROOT, 'dist/apps/cli/src/main.js'), ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export const API_MAIN = 'dist/apps/api/src/main.js';
export const PROJECTOR_MAIN = 'dist/apps/projector/src/main.js';

/**
 * A built app as `npm start` (the API, by default) or `npm run start:projector` runs it;
 * both answer /health/ready once their stores do.
 */
export class ServerProcess {
  private child: ChildProcess | undefined;
  /** Settles once the process has exited AND its stdout/stderr are drained: 'exit' can come before the last chunks. */
  private closed: Promise<unknown> = Promise.resolve();
  private output = '';

  constructor(
    readonly env: Record<string, string>,
    private readonly main: string = API_MAIN,
  ) {}

  get baseUrl(): string {
    return `http://127.0.0.1:${this.env.PORT}`;
  }

  get log(): string {
    return this.output;
  }

  /** fetch() against this server as the test admin (the server runs with the test secret). */
  fetch(path: string, init: RequestInit = {}): Promise<Response> {
    return fetch(`${this.baseUrl}${path}`, { ...init, headers: { ...authHeader(), ...(init.headers as Record<string, string> | undefined) } });
  }

  async start(timeoutMs = 30_000): Promise<void> {
    this.output = '';
    const child = spawn(process.execPath, [join(ROOT, this.main)], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', ...TEST_AUTH_ENV, ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    this.closed = once(child, 'close').catch(() => undefined);
    child.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${this.output}`);
      const ready = await fetch(`${this.baseUrl}/health/ready`).then((r) => r.ok, () => false);
      if (ready) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`server not ready after ${timeoutMs} ms:\n${this.output}`);
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Waits for the process to exit on its own (e.g. a refused configuration). */
  async exitCode(): Promise<number | null> {
    await this.closed;
    return this.child!.exitCode;
  }

  async kill(signal: NodeJS.Signals): Promise<void> {
    if (this.running) this.child!.kill(signal);
    await this.closed;
  }
}
