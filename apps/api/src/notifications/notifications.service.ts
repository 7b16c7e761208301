import { Injectable } from '@nestjs/common';
import { AppError, AuthContext, NotificationsRepository, pageLimit, toPage } from '@hireloop/core';
import { ListNotificationsQueryDto, NotificationPageResponseDto, NotificationResponseDto } from './dto/notification.dto';

/** A member's own notifications: nobody reads or marks another member's. */
@Injectable()
export class NotificationsService {
  constructor(private readonly notifications: NotificationsRepository) {}

  async list(auth: AuthContext, query: ListNotificationsQueryDto): Promise<NotificationPageResponseDto> {
    const rows = await this.notifications.pageForRecipient(auth.organizationId, auth.memberId, query);
    return toPage(rows, pageLimit(query), (n) => this.notifications.cursorOf(n), NotificationResponseDto.from);
  }

  async markRead(auth: AuthContext, id: string): Promise<NotificationResponseDto> {
    const notification = await this.notifications.markRead(auth.organizationId, auth.memberId, id);
    if (!notification) throw AppError.notFound('Notification', id);
    return NotificationResponseDto.from(notification);
  }
}
