import { Module } from '@nestjs/common';
import { InterviewsRepository } from '@hireloop/core';
import { CalendarFeedsController } from './calendar-feeds.controller';
import { CalendarFeedsRepository } from '@hireloop/core/calendar-feeds/calendar-feeds.repository';
import { CalendarFeedsService } from '@hireloop/core/calendar-feeds/calendar-feeds.service';

/** Private, revocable iCalendar feeds of a member's interviews. */
@Module({ controllers: [CalendarFeedsController], providers: [CalendarFeedsService, CalendarFeedsRepository, InterviewsRepository] })
export class CalendarFeedsModule {}
