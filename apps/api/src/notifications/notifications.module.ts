import { Module } from '@nestjs/common';
import { NotificationsModule as CoreNotificationsModule } from '@hireloop/core';
import { NotificationsController } from './notifications.controller';
import { NotificationsService } from './notifications.service';

@Module({ imports: [CoreNotificationsModule], controllers: [NotificationsController], providers: [NotificationsService] })
export class NotificationsModule {}
