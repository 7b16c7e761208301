import { Module } from '@nestjs/common';
import { EmailDeliveriesRepository } from '@hireloop/core/email';
import { EmailDeliveriesController } from './email-deliveries.controller';

/** Admins see what happened to the organization's emails (GET /v1/admin/email-deliveries). */
@Module({ controllers: [EmailDeliveriesController], providers: [EmailDeliveriesRepository] })
export class EmailDeliveriesModule {}
