import { Controller, Delete, Get, Header, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiProperty, ApiTags } from '@nestjs/swagger';
import type { AuthContext } from '@hireloop/core';
import { ApiContract } from '../common/api-contract';
import { Auth, Public } from '../common/auth.decorators';
import { CalendarFeedDto, CalendarFeedsService } from '@hireloop/core/calendar-feeds/calendar-feeds.service';

class CalendarFeedResponseDto implements CalendarFeedDto {
  @ApiProperty({ description: 'Private subscription URL; it contains the token, so treat it like a password' }) url: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

@ApiTags('interviews')
@Controller()
export class CalendarFeedsController {
  constructor(private readonly feeds: CalendarFeedsService) {}

  @ApiBearerAuth()
  @Post('me/calendar-feed')
  @ApiContract({
    summary: 'Create (or replace) your private iCalendar feed of your interviews; returns its subscription URL',
    response: CalendarFeedResponseDto,
    status: 201,
    errors: [],
  })
  create(@Auth() auth: AuthContext): Promise<CalendarFeedResponseDto> {
    return this.feeds.create(auth);
  }

  @ApiBearerAuth()
  @Delete('me/calendar-feed')
  @HttpCode(204)
  @ApiContract({ summary: 'Revoke your iCalendar feed (its URL answers 404 from now on)', response: null, status: 204, errors: [] })
  async revoke(@Auth() auth: AuthContext): Promise<void> {
    await this.feeds.revoke(auth);
  }

  @Public()
  @Get('calendar-feeds/:token')
  @Header('Content-Type', 'text/calendar; charset=utf-8')
  @Header('Cache-Control', 'private, max-age=300')
  @ApiProduces('text/calendar')
  @ApiContract({
    summary: 'An iCalendar feed by its private token (`<token>.ics`); 404 when unknown or revoked',
    response: { type: 'string', description: 'An iCalendar (RFC 5545) document' },
    contentType: 'text/calendar',
    errors: ['calendar_feed_not_found'],
  })
  feed(@Param('token') token: string): Promise<string> {
    return this.feeds.feed(token);
  }
}
