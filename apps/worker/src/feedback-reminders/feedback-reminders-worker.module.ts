import { Module } from '@nestjs/common';
import { RemindersModule } from '@hireloop/core/reminders/reminders.module';
import { FeedbackRemindersProcessor } from './feedback-reminders.processor';
import { WebhookDeliveryProcessor } from './webhook-delivery.processor';

/** Consumes the feedback-reminders queue (periodic scan, scheduler registered at boot) and webhook-deliveries. */
@Module({
  imports: [RemindersModule],
  providers: [FeedbackRemindersProcessor, WebhookDeliveryProcessor],
})
export class FeedbackRemindersWorkerModule {}
