import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

/**
 * The real service in its own OS process with APP_ROLE=worker (processors and pump; HTTP for /health only, on a free port),
 * run from the TypeScript sources. Tests kill it with SIGKILL to play a crashed worker.
 */
export class WorkerProcess {
  private child?: ChildProcess;
  private output = '';

  constructor(private readonly env: Record<string, string>) {}

  start(): void {
    const root = join(__dirname, '..', '..');
    this.output = '';
    this.child = spawn(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', join(root, 'src', 'main.ts')],
      {
        cwd: root,
        env: { ...process.env, ...this.env, APP_ROLE: 'worker', HTTP_PORT: '0', TS_NODE_PROJECT: join(root, 'tsconfig.json') },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    for (const stream of [this.child.stdout, this.child.stderr]) stream?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
  }

  /** What the process printed: shown when a test fails around it. */
  get log(): string {
    return this.output.slice(-4000);
  }

  get exitCode(): number | null {
    return this.child?.exitCode ?? null;
  }

  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill(signal);
    await exited;
  }
}
