import 'reflect-metadata';
import { testBackends } from '../../../../libs/event-store/src/testing/test-databases.js';
import { startQueryTestApp, TEST_CONSISTENCY_TIMEOUT_MS, type QueryTestApp } from './testing/query-test-app.js';
import { awardRow, modelRow, seedAwards, seedModels, seedPhases, seedUnits, STANDARD_UNITS } from './testing/seed.js';

/** One valid request per read endpoint. */
const READS = [
  '/v1/stats?period=year:2024&unit=qk2',
  '/v1/stats/series?unit=qk2&granularity=year&from=2024-01-01&to=2025-12-31',
  '/v1/units/qk2',
  '/v1/phases',
  '/v1/phases/2021-2025',
  '/v1/models?unit=qk2',
  '/v1/models/m-01',
  '/v1/awards?unit=qk2',
  '/v1/awards/a-01',
];

const withParam = (url: string, param: string) => `${url}${url.includes('?') ? '&' : '?'}${param}`;

describe.each(testBackends())('QueriesModule on $name', (backend) => {
  let t: QueryTestApp;

  beforeAll(async () => {
    t = await startQueryTestApp(backend);
    await seedUnits(t.dataSource, STANDARD_UNITS);
    await seedPhases(t.dataSource, [{ phaseId: '2021-2025', startsOn: '2021-01-01', endsOn: '2025-12-31' }]);
    await seedModels(t.dataSource, [modelRow('m-01')]);
    await seedAwards(t.dataSource, [awardRow('a-01')]);
  });

  afterAll(async () => {
    await t?.close();
  });

  beforeEach(() => {
    t.gate.calls.length = 0;
    t.gate.covered = true;
  });

  describe('consistentWith', () => {
    it.each(READS)('%s reads at once without it', async (url) => {
      await t.get(url).expect(200);
      expect(t.gate.calls).toEqual([]);
    });

    it.each(READS)('%s waits for the position with the configured timeout', async (url) => {
      await t.get(withParam(url, 'consistentWith=9007199254740993')).expect(200);
      expect(t.gate.calls).toEqual([{ position: 9007199254740993n, timeoutMs: TEST_CONSISTENCY_TIMEOUT_MS }]);
    });

    it.each(READS)('%s answers 503 CONSISTENCY_TIMEOUT when the read models do not catch up', async (url) => {
      t.gate.covered = false;
      const response = await t.get(withParam(url, 'consistentWith=42')).expect(503);
      expect(response.body).toStrictEqual({
        error: {
          code: 'CONSISTENCY_TIMEOUT',
          message: `The read models did not reach log position 42 within ${TEST_CONSISTENCY_TIMEOUT_MS} ms; retry later`,
        },
      });
      expect(t.gate.calls).toEqual([{ position: 42n, timeoutMs: TEST_CONSISTENCY_TIMEOUT_MS }]);
    });

    it.each(READS)('%s reads position 0, the start of the log, at once', async (url) => {
      t.gate.covered = false;
      await t.get(withParam(url, 'consistentWith=0')).expect(200);
      expect(t.gate.calls).toEqual([]);
    });

    it.each(['abc', '-1', '1.5', '1e3', '', '99999999999999999999', '9223372036854775808'])(
      'refuses %p with 400 before waiting',
      async (value) => {
        for (const url of ['/v1/phases', '/v1/stats?period=year:2024&unit=qk2']) {
          const response = await t.get(withParam(url, `consistentWith=${value}`)).expect(400);
          expect(response.body.error).toStrictEqual({
            code: 'VALIDATION_FAILED',
            message: 'The request is not valid',
            details: [{ field: 'consistentWith', message: expect.stringContaining('log position') }],
          });
        }
        expect(t.gate.calls).toEqual([]);
      },
    );

    it('accepts the largest int8 position', async () => {
      await t.get('/v1/phases?consistentWith=9223372036854775807').expect(200);
      expect(t.gate.calls).toEqual([{ position: 9223372036854775807n, timeoutMs: TEST_CONSISTENCY_TIMEOUT_MS }]);
    });
  });

  it('documents every read endpoint in the OpenAPI document, with consistentWith', async () => {
    const docs = await t.get('/docs-json').expect(200);
    const paths = docs.body.paths as Record<string, { get?: { parameters?: { name: string; in: string }[]; responses: Record<string, unknown> } }>;
    for (const path of [
      '/v1/stats',
      '/v1/stats/series',
      '/v1/units/{unitId}',
      '/v1/phases',
      '/v1/phases/{phaseId}',
      '/v1/models',
      '/v1/models/{modelId}',
      '/v1/awards',
      '/v1/awards/{awardId}',
    ]) {
      const get = paths[path]?.get;
      expect(get).toBeDefined();
      expect(get?.parameters?.map((p) => `${p.in}:${p.name}`)).toContain('query:consistentWith');
      expect(Object.keys(get?.responses ?? {})).toEqual(expect.arrayContaining(['200', '400', '503']));
    }
    expect(paths['/v1/units/{unitId}']?.get?.parameters?.map((p) => `${p.in}:${p.name}`)).toContain('path:unitId');
    const schemas = docs.body.components.schemas as Record<string, { properties: Record<string, unknown> }>;
    expect(Object.keys(schemas['StatsTotalsDto']?.properties ?? {})).toEqual([
      'modelsRegistered', 'modelsRegisteredCollective', 'modelsRegisteredIndividual', 'modelsRecognized',
      'modelsExemplary', 'modelsWithdrawn', 'awardsGranted', 'awardsGrantedCollective', 'awardsGrantedIndividual',
      'awardsRevoked', 'workdays', 'awardsByForm', 'contributions',
    ]);
  });
});
