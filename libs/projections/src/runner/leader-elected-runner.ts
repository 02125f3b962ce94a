import type { ProjectionLease } from './projection-lease.js';
import type { ProjectionRunner, RunnerStatus } from './projection-runner.js';
import { sleep } from './sleep.js';

export interface LeaderElectionOptions {
  /** How often a standby tries to take the lease over. */
  readonly standbyPollMs?: number;
  /** First wait after a failed attempt (the server does not answer); doubles up to 30 s. */
  readonly retryDelayMs?: number;
  readonly onLeadership?: (event: 'acquired' | 'lost' | 'released') => void;
  readonly onError?: (error: unknown) => void;
}

/** `standby`: another process holds the projection's lease and projects; this one waits. */
export type ElectedRunnerStatus = RunnerStatus | 'standby';

/**
 * Runs a projection only while this process holds its lease: one active instance per
 * projection among any number of processes; the others stand by and take over within
 * `standbyPollMs` of the leader's connection closing.
 */
export class LeaderElectedRunner {
  private controller: AbortController | undefined;
  private loop: Promise<void> | undefined;
  private leading = false;

  constructor(
    readonly runner: ProjectionRunner,
    private readonly openLease: () => ProjectionLease,
    private readonly options: LeaderElectionOptions = {},
  ) {}

  get projection() {
    return this.runner.projection;
  }

  get status(): ElectedRunnerStatus {
    if (!this.loop) return 'stopped';
    return this.leading ? this.runner.status : 'standby';
  }

  async start(): Promise<void> {
    if (this.loop) return;
    const controller = new AbortController();
    this.controller = controller;
    this.loop = this.elect(controller.signal);
  }

  /** The batch in progress commits with its checkpoint, then the lease goes to a standby. */
  async stop(): Promise<void> {
    this.controller?.abort();
    await this.loop;
    this.loop = undefined;
  }

  private async elect(signal: AbortSignal): Promise<void> {
    const initialDelay = this.options.retryDelayMs ?? 500;
    let delay = initialDelay;
    while (!signal.aborted) {
      const lease = this.openLease();
      try {
        if (!(await lease.tryAcquire())) {
          delay = initialDelay;
          await sleep(this.options.standbyPollMs ?? 1000, signal);
          continue;
        }
      } catch (error) {
        this.options.onError?.(error);
        await sleep(delay, signal);
        delay = Math.min(delay * 2, 30_000);
        continue;
      }
      delay = initialDelay;
      await this.lead(lease, signal);
    }
  }

  private async lead(lease: ProjectionLease, signal: AbortSignal): Promise<void> {
    this.leading = true;
    this.options.onLeadership?.('acquired');
    await this.runner.start();
    await untilAborted(AbortSignal.any([signal, lease.signal]));
    const lost = lease.signal.aborted;
    // A lost lease may already be another process's: the open batch still commits only
    // if the checkpoint it started from is unchanged, so stopping after it is safe.
    await this.runner.stop();
    await lease.release();
    this.leading = false;
    this.options.onLeadership?.(lost ? 'lost' : 'released');
  }
}

function untilAborted(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
}
