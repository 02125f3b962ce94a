import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ApiErrorResponseDto } from '../infrastructure/index.js';
import {
  ProjectionStatusResponseDto,
  RebuildParamsDto,
  RebuildResponseDto,
  RebuildStartedResponseDto,
  StartRebuildRequestDto,
} from './admin.dto.js';
import { AdminService } from './admin.service.js';

@ApiTags('admin')
@Controller('v1/admin')
export class AdminController {
  constructor(private readonly admin: AdminService) {}

  @Post('rebuilds')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({ summary: 'Rebuild a projection into fresh tables from position 0; the old tables serve until the swap' })
  @ApiAcceptedResponse({ type: RebuildStartedResponseDto })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED', type: ApiErrorResponseDto })
  @ApiConflictResponse({ description: 'REBUILD_ALREADY_RUNNING', type: ApiErrorResponseDto })
  async start(@Body() body: StartRebuildRequestDto): Promise<RebuildStartedResponseDto> {
    return { rebuildId: await this.admin.startRebuild(body.projection) };
  }

  @Get('rebuilds/:rebuildId')
  @ApiOperation({ summary: "A rebuild's status and progress" })
  @ApiOkResponse({ type: RebuildResponseDto })
  @ApiNotFoundResponse({ description: 'REBUILD_NOT_FOUND', type: ApiErrorResponseDto })
  rebuild(@Param() params: RebuildParamsDto): Promise<RebuildResponseDto> {
    return this.admin.rebuild(params.rebuildId);
  }

  @Get('projections')
  @ApiOperation({ summary: "Each projection's version, position, lag and status" })
  @ApiOkResponse({ type: [ProjectionStatusResponseDto] })
  projections(): Promise<ProjectionStatusResponseDto[]> {
    return this.admin.projections();
  }
}
