import { Module } from '@nestjs/common';
import { NotificationsModule as CoreNotificationsModule, NotificationsService } from '@hireloop/core';
import { NotificationsController } from './notifications.controller';

@Module({ imports: [CoreNotificationsModule], controllers: [NotificationsController], providers: [NotificationsService] })
export class NotificationsModule {}
