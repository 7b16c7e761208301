import { Injectable } from '@nestjs/common';
import { AppError } from '../common/app-error';
import { AuthContext } from '../common/auth-context';
import { Page, pageLimit, PageQueryDto, toPage } from '../common/pagination';
import { FeedbackNotificationPayload, NotificationEntity, NotificationKind } from './notification.entity';
import { NotificationsRepository } from './notifications.repository';

export interface NotificationListQuery extends PageQueryDto {
  /** Only notifications not yet marked read. */
  unread?: boolean;
}

/** The shape the API returns for a notification (NotificationResponseDto mirrors it). */
export interface NotificationView {
  id: string;
  kind: NotificationKind;
  interviewId: string;
  interviewerId: string;
  step: number;
  payload: FeedbackNotificationPayload;
  createdAt: string;
  readAt: string | null;
}

export type NotificationPage = Page<NotificationView>;

export function notificationView(n: NotificationEntity): NotificationView {
  return {
    id: n.id,
    kind: n.kind,
    interviewId: n.interviewId,
    interviewerId: n.interviewerId,
    step: n.step,
    payload: n.payload,
    createdAt: n.createdAt.toISOString(),
    readAt: n.readAt ? n.readAt.toISOString() : null,
  };
}

/** A member's own notifications: nobody reads or marks another member's. */
@Injectable()
export class NotificationsService {
  constructor(private readonly notifications: NotificationsRepository) {}

  async list(auth: AuthContext, query: NotificationListQuery): Promise<NotificationPage> {
    const rows = await this.notifications.pageForRecipient(auth.organizationId, auth.memberId, query);
    return toPage(rows, pageLimit(query), (n) => this.notifications.cursorOf(n), notificationView);
  }

  async markRead(auth: AuthContext, id: string): Promise<NotificationView> {
    const notification = await this.notifications.markRead(auth.organizationId, auth.memberId, id);
    if (!notification) throw AppError.notFound('Notification', id);
    return notificationView(notification);
  }
}
