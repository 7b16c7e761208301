import { Module } from '@nestjs/common';
import { NotificationsRepository } from './notifications.repository';
import { WebhookDeliveriesRepository } from './webhook-deliveries.repository';
import { WebhookDeliveryService } from './webhook-delivery.service';

/** Members' notifications and the organization's webhook deliveries. Needs CoreModule (outbox) and the database. */
@Module({
  providers: [NotificationsRepository, WebhookDeliveriesRepository, WebhookDeliveryService],
  exports: [NotificationsRepository, WebhookDeliveryService],
})
export class NotificationsModule {}
