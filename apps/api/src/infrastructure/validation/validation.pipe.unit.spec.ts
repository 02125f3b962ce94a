import 'reflect-metadata';
import { Body, Controller, Post } from '@nestjs/common';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Type } from 'class-transformer';
import { IsArray, IsInt, IsOptional, IsString, Min, ValidateNested } from 'class-validator';
import request from 'supertest';
import { HttpExceptionFilter } from '../errors/http-exception.filter.js';
import { createValidationPipe } from './validation.pipe.js';

class ActivityDto {
  @IsString()
  label!: string;
}

class RecordWorkdaysDto {
  @IsString()
  unitId!: string;

  @IsInt()
  @Min(1)
  workdays!: number;

  @IsOptional()
  @ValidateNested()
  @Type(() => ActivityDto)
  activity?: ActivityDto;

  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => ActivityDto)
  activities?: ActivityDto[];
}

@Controller('v1/workdays')
class WorkdaysController {
  @Post()
  record(@Body() body: RecordWorkdaysDto): { isDto: boolean; body: RecordWorkdaysDto } {
    return { isDto: body instanceof RecordWorkdaysDto, body };
  }
}

describe('createValidationPipe', () => {
  let app: INestApplication;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({ controllers: [WorkdaysController] }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    app.useGlobalPipes(createValidationPipe());
    app.useGlobalFilters(new HttpExceptionFilter());
    await app.init();
  });

  afterAll(async () => {
    await app.close();
  });

  const post = (body: unknown) => request(app.getHttpServer()).post('/v1/workdays').send(body as object);

  it('passes a valid body through as a DTO instance', async () => {
    const response = await post({ unitId: 'qk2', workdays: 3 }).expect(201);
    expect(response.body).toEqual({ isDto: true, body: { unitId: 'qk2', workdays: 3 } });
  });

  it('reports a missing field, a wrong type and an unknown field together', async () => {
    const response = await post({ workdays: 'three', colour: 'red' }).expect(400);
    expect(response.body.error.code).toBe('VALIDATION_FAILED');
    expect(response.body.error.message).toBe('The request is not valid');
    expect(response.body.error.details).toEqual(
      expect.arrayContaining([
        { field: 'unitId', message: 'must be a string' },
        { field: 'workdays', message: 'must be an integer number' },
        { field: 'workdays', message: 'must not be less than 1' },
        { field: 'colour', message: 'is not allowed' },
      ]),
    );
    expect(response.body.error.details).toHaveLength(4);
  });

  it('reports a value below the minimum', async () => {
    const response = await post({ unitId: 'qk2', workdays: 0 }).expect(400);
    expect(response.body.error.details).toEqual([{ field: 'workdays', message: 'must not be less than 1' }]);
  });

  it('names nested fields by dotted path, unknown nested fields included', async () => {
    const response = await post({
      unitId: 'qk2',
      workdays: 1,
      activity: { label: 5, extra: true },
      activities: [{ label: 'ok' }, {}],
    }).expect(400);
    expect(response.body.error.details).toEqual(
      expect.arrayContaining([
        { field: 'activity.label', message: 'must be a string' },
        { field: 'activity.extra', message: 'is not allowed' },
        { field: 'activities.1.label', message: 'must be a string' },
      ]),
    );
    expect(response.body.error.details).toHaveLength(3);
  });

  it('treats a request without a body as one missing every required field', async () => {
    const response = await request(app.getHttpServer()).post('/v1/workdays').expect(400);
    expect(response.body.error.code).toBe('VALIDATION_FAILED');
    expect(response.body.error.details.map((detail: { field: string }) => detail.field)).toEqual(
      expect.arrayContaining(['unitId', 'workdays']),
    );
  });

  it('rejects a JSON array where an object is expected', async () => {
    const response = await post([{ unitId: 'qk2', workdays: 1 }]).expect(400);
    expect(response.body.error.code).toBe('VALIDATION_FAILED');
    expect(response.body.error.details).toEqual([{ field: '', message: 'must be a JSON object' }]);
  });
});
