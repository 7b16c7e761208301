import { Module } from '@nestjs/common';
import { QueueModule } from '@hireloop/queue';
import { AdminQueuesController } from './admin-queues.controller';
import { AdminQueuesService } from './admin-queues.service';

/**
 * Failed jobs for admins (`/v1/admin/queues`). Brings the BullMQ queues into the API; nothing else in the API
 * waits on them, so the API serves requests while Redis is down (these routes answer 503).
 */
@Module({ imports: [QueueModule.forRoot()], controllers: [AdminQueuesController], providers: [AdminQueuesService] })
export class AdminQueuesModule {}
