import { Module } from '@nestjs/common';
import { DevMailboxService } from './dev-mailbox.service';

/** The development mailbox (see DevMailboxService); inert in production and when SMTP_URL is set. */
@Module({ providers: [DevMailboxService] })
export class DevMailboxModule {}
