import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { NotificationsService, type AuthContext } from '@hireloop/core';
import { ApiContract } from '../common/api-contract';
import { Auth } from '../common/auth.decorators';
import { UuidParam } from '../common/uuid-param';
import { ListNotificationsQueryDto, NotificationPageResponseDto, NotificationResponseDto } from './dto/notification.dto';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @ApiContract({
    summary: "The caller's notifications, newest first (feedback reminders and escalations)",
    response: NotificationPageResponseDto,
    errors: [],
  })
  list(@Auth() auth: AuthContext, @Query() query: ListNotificationsQueryDto): Promise<NotificationPageResponseDto> {
    return this.notifications.list(auth, query);
  }

  @Post(':id/read')
  @HttpCode(200)
  @ApiContract({
    summary: 'Mark one of the caller’s notifications read (idempotent)',
    response: NotificationResponseDto,
    errors: ['notification_not_found'],
  })
  markRead(@Auth() auth: AuthContext, @Param('id', UuidParam) id: string): Promise<NotificationResponseDto> {
    return this.notifications.markRead(auth, id);
  }
}
