import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { applyKeyset, timestampKey } from '../common/keyset';
import { CursorPosition, PageQueryDto } from '../common/pagination';
import { NotificationEntity } from './notification.entity';

/** A member's notifications, always looked up within one organization and for one recipient. */
@Injectable()
export class NotificationsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Newest first; `limit + 1` rows (see `toPage`). */
  pageForRecipient(organizationId: string, recipientMemberId: string, query: PageQueryDto & { unread?: boolean }): Promise<NotificationEntity[]> {
    const qb = this.dataSource
      .getRepository(NotificationEntity)
      .createQueryBuilder('n')
      .where('n.organization_id = :organizationId AND n.recipient_member_id = :recipientMemberId', { organizationId, recipientMemberId });
    if (query.unread) qb.andWhere('n.read_at IS NULL');
    applyKeyset(qb, query, { alias: 'n', sortColumn: 'created_at', direction: 'DESC' });
    return qb.getMany();
  }

  cursorOf(notification: NotificationEntity): CursorPosition {
    return { sortValue: timestampKey(notification.createdAt), id: notification.id };
  }

  /** Marks the recipient's notification read (the first time only); null when it is not theirs. */
  async markRead(organizationId: string, recipientMemberId: string, id: string): Promise<NotificationEntity | null> {
    await this.dataSource.query(
      `UPDATE notifications SET read_at = now() WHERE id = $1 AND organization_id = $2 AND recipient_member_id = $3 AND read_at IS NULL`,
      [id, organizationId, recipientMemberId],
    );
    return this.dataSource.getRepository(NotificationEntity).findOneBy({ id, organizationId, recipientMemberId });
  }
}
