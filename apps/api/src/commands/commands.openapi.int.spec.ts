import 'reflect-metadata';
import request from 'supertest';
import { pgliteBackend } from '../../../../libs/event-store/src/testing/test-databases.js';
import { createCommandsTestApp, type CommandsTestApp } from './testing/commands-test-app.js';

interface Operation {
  tags?: string[];
  parameters?: { name: string; in: string; required?: boolean; schema?: { pattern?: string } }[];
  requestBody?: { content: Record<string, { schema: { $ref?: string } }> };
  responses: Record<string, unknown>;
}

const ROUTES: readonly [string, string, string[]][] = [
  ['/v1/units', 'units', []],
  ['/v1/units/{unitId}/merge', 'units', ['unitId']],
  ['/v1/phases', 'phases', []],
  ['/v1/models', 'models', []],
  ['/v1/models/{modelId}/recognitions', 'models', ['modelId']],
  ['/v1/models/{modelId}/withdrawal', 'models', ['modelId']],
  ['/v1/awards', 'awards', []],
  ['/v1/awards/{awardId}/revocation', 'awards', ['awardId']],
  ['/v1/workdays', 'ledger', []],
  ['/v1/contributions', 'ledger', []],
  ['/v1/entries/{entryId}/void', 'ledger', ['entryId']],
];

describe('OpenAPI description of the commands', () => {
  let t: CommandsTestApp;
  let document: { paths: Record<string, { post?: Operation }>; components: { schemas: Record<string, { properties?: Record<string, unknown>; required?: string[] }> } };

  beforeAll(async () => {
    t = await createCommandsTestApp(pgliteBackend);
    document = (await request(t.app.getHttpServer()).get('/docs-json').expect(200)).body;
  });

  afterAll(async () => {
    await t?.close();
  });

  it.each(ROUTES)('describes POST %s', (path, tag, pathParams) => {
    const operation = document.paths[path]?.post;
    expect(operation).toBeDefined();
    expect(operation!.tags).toEqual([tag]);
    expect(Object.keys(operation!.responses).sort()).toEqual(['201', '400', '404', '409', '422']);
    const header = operation!.parameters?.find((p) => p.in === 'header' && p.name === 'Idempotency-Key');
    expect(header).toMatchObject({ required: false });
    for (const name of pathParams) {
      const param = operation!.parameters?.find((p) => p.in === 'path' && p.name === name);
      expect(param).toMatchObject({ required: true, schema: { pattern: '^[a-z0-9][a-z0-9-]{1,63}$' } });
    }
    expect(operation!.requestBody?.content['application/json']?.schema.$ref).toMatch(/RequestDto$/);
  });

  it('describes the answer and the bodies', () => {
    expect(document.components.schemas['CommandAnswerDto']).toMatchObject({
      properties: { id: {}, stream: {}, revision: { type: 'integer' }, position: { type: 'string' } },
    });
    const grant = document.components.schemas['GrantAwardRequestDto']!;
    expect(Object.keys(grant.properties ?? {}).sort()).toEqual(
      ['awardId', 'decidedOn', 'decisionNo', 'form', 'issuerUnitId', 'modelId', 'movement', 'recipientKind', 'recipientName', 'recipientUnitId'],
    );
    expect(grant.required).not.toContain('awardId');
    expect(grant.properties?.['form']).toMatchObject({ enum: ['bang_khen', 'giay_khen', 'ky_niem_chuong', 'chien_si_thi_dua', 'co_thi_dua', 'other'] });
  });
});
