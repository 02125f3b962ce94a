import 'reflect-metadata';
import { testBackends } from '../../../../../libs/event-store/src/testing/test-databases.js';
import { ADMIN_ENVELOPE, createCommandsTestApp, TEST_NOW, UUID, type CommandsTestApp } from '../testing/commands-test-app.js';

describe.each(testBackends())('POST /v1/phases ($name)', (backend) => {
  let t: CommandsTestApp;
  const phase = { phaseId: '2025-2030', name: 'Giai đoạn 2025 - 2030', startsOn: '2025-01-01', endsOn: '2030-12-31' };

  beforeAll(async () => {
    t = await createCommandsTestApp(backend);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('defines a phase, even one reaching into the future: PhaseDefined', async () => {
    const response = await t.post('/v1/phases', phase, { 'X-Request-Id': 'req-phase' }).expect(201);
    const [event] = await t.readStream('phase-2025-2030');
    expect(response.body).toEqual({ id: '2025-2030', stream: 'phase-2025-2030', revision: 0, position: event!.position.toString() });
    expect(event!.type).toBe('PhaseDefined');
    expect(event!.data).toEqual(phase);
    expect(event!.metadata).toEqual({
      ...ADMIN_ENVELOPE,
      correlationId: 'req-phase',
      causationId: expect.stringMatching(UUID),
      recordedAt: TEST_NOW,
      schemaVersion: 1,
    });
  });

  it('answers 400 for impossible dates and missing fields, 409 for a second definition, 422 for reversed bounds; writes nothing', async () => {
    const before = await t.readAll();
    const invalid = await t.post('/v1/phases', { phaseId: '2021-2025', startsOn: '2021-02-29', endsOn: '2025-12-31' }).expect(400);
    expect(invalid.body.error.details).toEqual([
      { field: 'name', message: 'is required' },
      { field: 'startsOn', message: 'must be a real calendar date YYYY-MM-DD' },
    ]);
    const conflict = await t.post('/v1/phases', phase).expect(409);
    expect(conflict.body.error.code).toBe('PHASE_ALREADY_EXISTS');
    const reversed = await t.post('/v1/phases', { ...phase, phaseId: 'p-reversed', endsOn: '2024-12-31' }).expect(422);
    expect(reversed.body.error).toMatchObject({ code: 'PHASE_DATES_INVALID', details: [{ field: 'endsOn' }] });
    const midMonth = await t.post('/v1/phases', { ...phase, phaseId: 'p-mid-month', startsOn: '2024-09-02' }).expect(422);
    expect(midMonth.body.error).toMatchObject({ code: 'PHASE_NOT_WHOLE_MONTHS', details: [{ field: 'startsOn' }] });
    expect(await t.readAll()).toEqual(before);
  });
});
