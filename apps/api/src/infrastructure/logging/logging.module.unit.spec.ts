import 'reflect-metadata';
import { Controller, Get, Logger } from '@nestjs/common';
import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { AppConfigModule } from '../config/app-config.module.js';
import { configureHttpApp } from '../http-app.js';
import { loggerParams } from './logger-params.js';
import { LoggingModule } from './logging.module.js';

interface LogLine {
  level: number;
  msg: string;
  requestId?: string;
  context?: string;
  req?: { headers: Record<string, string> };
  res?: { statusCode: number };
}

@Controller('v1/hello')
class HelloController {
  private readonly logger = new Logger(HelloController.name);

  @Get()
  hello(): { ok: true } {
    this.logger.log('saying hello');
    return { ok: true };
  }
}

describe('loggerParams', () => {
  const levelOf = (params: ReturnType<typeof loggerParams>) =>
    ((Array.isArray(params.pinoHttp) ? params.pinoHttp[0] : params.pinoHttp) as { level?: string } | undefined)?.level;

  it('uses LOG_LEVEL', () => {
    expect(levelOf(loggerParams({ logLevel: 'debug' }, { nodeEnv: 'production' }))).toBe('debug');
  });

  it('is silent under test', () => {
    expect(levelOf(loggerParams({ logLevel: 'debug' }, { nodeEnv: 'test' }))).toBe('silent');
    expect(levelOf(loggerParams({ logLevel: 'debug' }))).toBe('silent'); // Jest sets NODE_ENV=test
  });
});

describe('LoggingModule', () => {
  const lines: LogLine[] = [];
  let app: INestApplication;

  beforeAll(async () => {
    const destination = { write: (line: string) => void lines.push(JSON.parse(line) as LogLine) };
    const moduleRef = await Test.createTestingModule({
      imports: [AppConfigModule.forRoot({ LOG_LEVEL: 'info' }), LoggingModule.forRoot({ nodeEnv: 'production', destination })],
      controllers: [HelloController],
    }).compile();
    app = configureHttpApp(moduleRef.createNestApplication<NestExpressApplication>({ bufferLogs: true }));
    await app.init();
  });

  afterAll(async () => {
    await app.close();
  });

  it('tags every line of a request with its id and redacts credentials', async () => {
    lines.length = 0;
    const response = await request(app.getHttpServer())
      .get('/v1/hello')
      .set('X-Request-Id', 'req-1234')
      .set('Authorization', 'Bearer top.secret.jwt')
      .expect(200);
    expect(response.headers['x-request-id']).toBe('req-1234');

    const handlerLine = lines.find((line) => line.msg === 'saying hello');
    expect(handlerLine).toMatchObject({ requestId: 'req-1234', context: 'HelloController' });

    const completed = lines.find((line) => line.msg === 'request completed');
    expect(completed).toMatchObject({ requestId: 'req-1234', res: { statusCode: 200 } });
    expect(completed?.req?.headers['authorization']).toBe('[redacted]');
    expect(JSON.stringify(lines)).not.toContain('top.secret.jwt');
  });

  it('does not log probe and scrape requests', async () => {
    lines.length = 0;
    await request(app.getHttpServer()).get('/health/live');
    await request(app.getHttpServer()).get('/metrics');
    expect(lines.filter((line) => line.msg === 'request completed')).toEqual([]);
  });
});
