import { Module } from '@nestjs/common';
import { CalendarFeedsController } from './calendar-feeds.controller';
import { CalendarFeedsService } from './calendar-feeds.service';

/** Private, revocable iCalendar feeds of a member's interviews. */
@Module({ controllers: [CalendarFeedsController], providers: [CalendarFeedsService] })
export class CalendarFeedsModule {}
