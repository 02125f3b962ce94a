import { Module } from '@nestjs/common';
import { AdminController } from './admin.controller.js';
import { AdminService } from './admin.service.js';

/**
 * API.md "Admin": rebuilds and projection status. Needs, from global modules: EVENT_STORE
 * and READ_POOL (store), PROJECTIONS and ProjectionStatusService (projections), APP_CONFIG (infrastructure).
 */
@Module({ controllers: [AdminController], providers: [AdminService] })
export class AdminModule {}
