import { readFileSync } from 'node:fs';
import { createPgServerPool } from '#event-store';
import { onThisHostOverTcp, postgresBackend, serverPidsOfNewSessions, type TestDatabase } from '../../../libs/event-store/src/testing/test-databases.js';
import { cpuControllerIn, cpuGroupIn } from './cpu-group.js';
import { BATCH_CPU_GROUP, CLI_NICENESS, yieldCpuOfServerProcess } from './process-priority.js';

/**
 * The server processes of the CLI's sessions yield the CPU as the CLI does: its niceness,
 * and its CPU group. Needs the PostgreSQL server on this host over TCP (as in CI), root to
 * renice and move its processes, and a CPU controller; else the suite says it cannot run.
 */
const url = process.env.DATABASE_URL;
const controller = process.platform === 'linux' ? cpuControllerIn(readFileSync('/proc/self/mounts', 'utf8')) : undefined;
const runnable = url !== undefined && onThisHostOverTcp(url) && process.getuid?.() === 0 && controller !== undefined;
if (url && !runnable) console.warn("[danvan] CLI server-session priority suite NOT RUN: it needs Linux, root, a CPU controller (cgroups) and the PostgreSQL server on this host over TCP");

(runnable ? describe : describe.skip)("yieldCpuOfServerProcess, the CLI's sessions (PostgreSQL server on this host)", () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await postgresBackend(url!).create();
  });

  afterAll(async () => {
    await db.dispose();
  });

  /** Field 19 of the process's stat line, counted after the command's closing parenthesis. */
  const nicenessOf = (pid: number) => Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')[16]);
  const groupOf = (pid: number) => cpuGroupIn(readFileSync(`/proc/${pid}/cgroup`, 'utf8'), controller!.version);

  async function serverProcesses(found?: (pid: number) => void): Promise<{ niceness: number; group: string | undefined }[]> {
    const pool = createPgServerPool({ connectionString: url!, schema: db.schema, max: 2, onLocalServerProcess: found });
    try {
      // Two sessions: each new one yields. Their server processes live until the pool ends.
      return (await serverPidsOfNewSessions(pool, 2)).map((pid) => ({ niceness: nicenessOf(pid), group: groupOf(pid) }));
    } finally {
      await pool.end();
    }
  }

  it("lowers the server processes of the CLI's sessions and moves them into its CPU group; the service's stay as they are", async () => {
    const service = await serverProcesses();
    expect(service).toEqual(service.map(() => ({ niceness: 0, group: '/' })));
    expect(await serverProcesses(yieldCpuOfServerProcess)).toEqual([0, 1].map(() => ({ niceness: CLI_NICENESS, group: `/${BATCH_CPU_GROUP}` })));
  });
});
