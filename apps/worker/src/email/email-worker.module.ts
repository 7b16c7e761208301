import { Module } from '@nestjs/common';
import { EmailDeliveriesRepository } from '@hireloop/core/email/email-deliveries.repository';
import { EmailDeliveryProcessor } from './email-delivery.processor';
import { EmailSenderService } from './email-sender.service';

/** Sends the emails stored by `EmailRequests` (libs/core/src/email) over SMTP. */
@Module({ providers: [EmailDeliveriesRepository, EmailSenderService, EmailDeliveryProcessor] })
export class EmailWorkerModule {}
