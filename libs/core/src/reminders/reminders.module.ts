import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module';
import { FeedbackRemindersRepository } from './feedback-reminders.repository';
import { FeedbackRemindersService } from './feedback-reminders.service';

@Module({
  imports: [NotificationsModule],
  providers: [FeedbackRemindersRepository, FeedbackRemindersService],
  exports: [FeedbackRemindersService, NotificationsModule],
})
export class RemindersModule {}
