import { LeaderElectedRunner } from './leader-elected-runner.js';
import type { ProjectionLease } from './projection-lease.js';
import type { ProjectionRunner } from './projection-runner.js';

/** A lease whose attempts follow a script: throw (server away), false (held elsewhere) or true. */
function scriptedLeases(script: ('down' | 'elsewhere' | 'won')[], attempts: number[]) {
  return (): ProjectionLease => {
    const ended = new AbortController();
    return {
      signal: ended.signal,
      async tryAcquire() {
        attempts.push(Date.now());
        const next = script.shift() ?? 'elsewhere';
        if (next === 'down') throw new Error('connect ECONNREFUSED');
        return next === 'won';
      },
      async release() {
        ended.abort();
      },
    } as unknown as ProjectionLease;
  };
}

function fakeRunner() {
  const calls: string[] = [];
  const runner = {
    projection: { name: 'period-stats' },
    status: 'stopped',
    async start() {
      calls.push('start');
      runner.status = 'following';
    },
    async stop() {
      calls.push('stop');
      runner.status = 'stopped';
    },
  };
  return { runner: runner as unknown as ProjectionRunner, calls };
}

async function until(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('LeaderElectedRunner', () => {
  it('retries an unreachable server with a doubling backoff, then leads once it wins the lease', async () => {
    const attempts: number[] = [];
    const errors: unknown[] = [];
    const { runner, calls } = fakeRunner();
    const elected = new LeaderElectedRunner(runner, scriptedLeases(['down', 'down', 'down', 'won'], attempts), {
      retryDelayMs: 40,
      onError: (error) => errors.push(error),
    });
    await elected.start();
    await until(() => elected.status === 'following');
    await elected.stop();

    expect(errors).toHaveLength(3);
    const waits = attempts.slice(1).map((at, index) => at - attempts[index]!);
    // 40, 80, 160 ms (timers fire late, never early).
    expect(waits[0]).toBeGreaterThanOrEqual(38);
    expect(waits[1]).toBeGreaterThanOrEqual(78);
    expect(waits[2]).toBeGreaterThanOrEqual(158);
    expect(calls).toEqual(['start', 'stop']);
    expect(elected.status).toBe('stopped');
  });

  it('stands by while another process holds the lease and does not run the projection', async () => {
    const attempts: number[] = [];
    const { runner, calls } = fakeRunner();
    const elected = new LeaderElectedRunner(runner, scriptedLeases(['elsewhere', 'elsewhere', 'elsewhere'], attempts), { standbyPollMs: 30 });
    await elected.start();
    await until(() => attempts.length >= 3);
    expect(elected.status).toBe('standby');
    await elected.stop();
    expect(calls).toEqual([]);
    expect(elected.status).toBe('stopped');
  });

  it('stops the projection when the lease is lost and competes again', async () => {
    let lose: (() => void) | undefined;
    let attempts = 0;
    const leases = (): ProjectionLease => {
      const ended = new AbortController();
      return {
        signal: ended.signal,
        async tryAcquire() {
          attempts++;
          lose = () => ended.abort();
          return attempts === 1;
        },
        async release() {
          ended.abort();
        },
      } as unknown as ProjectionLease;
    };
    const leadership: string[] = [];
    const { runner, calls } = fakeRunner();
    const elected = new LeaderElectedRunner(runner, leases, { standbyPollMs: 10, onLeadership: (event) => leadership.push(event) });
    await elected.start();
    await until(() => elected.status === 'following');
    lose!();
    await until(() => elected.status === 'standby' && attempts >= 2);
    await elected.stop();
    expect(calls).toEqual(['start', 'stop']);
    expect(leadership).toEqual(['acquired', 'lost']);
  });
});
