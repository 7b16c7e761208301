import { Module } from '@nestjs/common';
import { OutboxRelayRepository } from '@hireloop/core/outbox/outbox-relay.repository';
import { OutboxRelayService } from './outbox-relay.service';

/** Moves committed outbox rows into BullMQ (see OutboxRelayService). */
@Module({
  providers: [OutboxRelayRepository, OutboxRelayService],
  exports: [OutboxRelayService],
})
export class OutboxRelayModule {}
