import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeEmbeddedDatabase, openEmbeddedDatabase } from '#event-store';
import { buildOnce, freePort, runCli, ServerProcess } from './support/server-process.js';

/**
 * The embedded default with no configured secret, as an operator and an auditor use it:
 * `npx danvan token` mints tokens for the secret the server generated into DATA_DIR;
 * `npx danvan verify` and `replay` work on the log the server wrote; heads written by
 * `verify --write-heads` catch a stream deleted whole, which the chain alone cannot.
 */
describe('CLI: token, verify, replay on the embedded store', () => {
  let dataDir: string;
  let server: ServerProcess;

  beforeAll(async () => {
    buildOnce();
    dataDir = await mkdtemp(join(tmpdir(), 'danvan-audit-'));
    // An empty AUTH_JWT_SECRET counts as unset: the server generates its own secret.
    server = new ServerProcess({ PORT: String(await freePort()), DATA_DIR: dataDir, AUTH_JWT_SECRET: '' });
  }, 120_000);

  afterAll(async () => {
    await server.kill('SIGKILL');
    await rm(dataDir, { recursive: true, force: true });
  });

  const post = async (path: string, body: unknown, token?: string) => {
    const response = await fetch(`${server.baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token === undefined ? {} : { authorization: `Bearer ${token}` }) },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const cli = (...args: string[]) => runCli(args, { DATA_DIR: dataDir });

  it('mints tokens the server accepts, records their subject, and verifies and replays the log', async () => {
    const admin = cli('token', '--role', 'admin', '--sub', 'nguyen-van-a', '--ttl', '1h');
    expect(admin.status).toBe(0);
    const adminToken = admin.stdout.trim();
    const officerToken = cli('token', '--role', 'officer', '--unit', 'tuyen-quang', '--sub', 'can-bo-tq').stdout.trim();
    expect(cli('token', '--role', 'officer').status).not.toBe(0);
    // Minted before the server first ran: the CLI generated the secret the server then uses.
    // (Minting while it runs works too, but spawnSync here would outlast fetch's keep-alive.)
    await server.start();
    const secret = await readFile(join(dataDir, 'auth-jwt-secret'), 'utf8');
    expect(secret.trim().length).toBeGreaterThanOrEqual(64);

    expect((await post('/v1/units', { unitId: 'qk2', name: 'Quân khu 2', kind: 'military_region' })).status).toBe(401);
    expect((await post('/v1/units', { unitId: 'qk2', name: 'Quân khu 2', kind: 'military_region' }, adminToken)).status).toBe(201);
    expect((await post('/v1/units', { unitId: 'tuyen-quang', name: 'Tuyên Quang', kind: 'province', parentId: 'qk2' }, adminToken)).status).toBe(201);
    const grant = { awardId: 'a1', recipientKind: 'individual', recipientName: 'Nguyễn Thị Hoa', recipientUnitId: 'tuyen-quang', form: 'giay_khen', issuerUnitId: 'qk2', decisionNo: '15/QĐ-BTL', decidedOn: '2024-07-01', movement: 'dan_van_kheo' };
    expect((await post('/v1/awards', grant, officerToken)).status).toBe(201);
    expect((await post('/v1/awards/a1/revocation', { revokedOn: '2024-09-01', decisionNo: '20/QĐ-BTL', reason: 'Hồ sơ khai sai' }, adminToken)).status).toBe(201);
    await server.kill('SIGTERM');
    expect(server.log).not.toContain(secret.trim());

    const heads = join(dataDir, 'heads.jsonl');
    const verified = cli('verify', '--write-heads', heads);
    expect(verified.status).toBe(0);
    expect(JSON.parse(verified.stdout)).toMatchObject({ ok: true, streamsChecked: 4, eventsChecked: 5, legacyEvents: 0 }); // 2 units, the award, its key reservation
    expect((await readFile(heads, 'utf8')).trim().split('\n')).toHaveLength(4);

    const replay = cli('replay', '--stream', 'award-a1');
    const lines = replay.stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, any>);
    expect(lines.map((line) => line.type ?? 'state')).toEqual(['AwardGranted', 'AwardRevoked', 'state']);
    expect(lines[0]!.metadata).toMatchObject({ actor: 'can-bo-tq', actorRole: 'officer', route: 'POST /v1/awards' });
    expect(lines[1]!.metadata).toMatchObject({ actor: 'nguyen-van-a', actorRole: 'admin' });
    expect(lines[1]!.data.reason).toBe('Hồ sơ khai sai');
    expect(lines[2]!.state).toMatchObject({ status: 'revoked', awardId: 'a1' });
    // Before anything was recorded, the stream did not exist yet.
    expect(cli('replay', '--stream', 'award-a1', '--as-of', '2020-01-01').status).toBe(3);

    const csv = cli('export', '--unit', 'qk2', '--period', 'year:2024', '--format', 'csv');
    expect(csv.status).toBe(0);
    expect(csv.stderr).toContain('2 award events exported');
    expect(csv.stdout.trim().split('\r\n').slice(1).map((row) => row.split(',')[4])).toEqual(['AwardGranted', 'AwardRevoked']);
    expect(cli('export', '--unit', 'qk2', '--period', 'year:2023').stderr).toContain('0 award events exported');

    // Behind the API's back: the award's whole stream removed. The chains left are intact…
    const db = await openEmbeddedDatabase(dataDir);
    await db.query(`DELETE FROM es_events WHERE stream_name = 'award-a1'`);
    await closeEmbeddedDatabase(db);
    expect(cli('verify').status).toBe(0);
    // …but the heads kept outside the database name the missing stream.
    const anchored = cli('verify', '--heads', heads);
    expect(anchored.status).toBe(2);
    expect(JSON.parse(anchored.stdout)).toMatchObject({ ok: false, firstBroken: { stream: 'award-a1', reason: expect.stringMatching(/missing/) } });
  }, 240_000);
});
