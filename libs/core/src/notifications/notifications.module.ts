import { Module } from '@nestjs/common';
import { NotificationsRepository } from './notifications.repository';
import { WebhookDeliveryService } from './webhook-delivery.service';

/** Members' notifications and the organization's webhook deliveries. Needs CoreModule (outbox) and the database. */
@Module({ providers: [NotificationsRepository, WebhookDeliveryService], exports: [NotificationsRepository, WebhookDeliveryService] })
export class NotificationsModule {}
