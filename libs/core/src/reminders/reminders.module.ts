import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module';
import { FeedbackRemindersService } from './feedback-reminders.service';

@Module({ imports: [NotificationsModule], providers: [FeedbackRemindersService], exports: [FeedbackRemindersService, NotificationsModule] })
export class RemindersModule {}
