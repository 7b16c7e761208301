import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PageQueryDto } from '@hireloop/core';
import type { EmailDeliveryRow, EmailDeliveryStatus } from '@hireloop/core/email';

const STATUSES: EmailDeliveryStatus[] = ['pending', 'sending', 'sent', 'failed', 'skipped'];

export class ListEmailDeliveriesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: STATUSES, description: 'Only deliveries in this state, e.g. `failed`' })
  @IsOptional()
  @IsIn(STATUSES, { message: `status must be one of: ${STATUSES.join(', ')}` })
  status?: EmailDeliveryStatus;
}

export class EmailDeliveryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'interview_scheduled' }) template: string;
  @ApiProperty() recipientEmail: string;
  @ApiProperty({ enum: STATUSES }) status: EmailDeliveryStatus;
  @ApiProperty({ description: 'Attempts made so far' }) attempts: number;
  @ApiProperty({ nullable: true, type: String, description: 'The last SMTP error, e.g. `attempt 3: EENVELOPE 550 mailbox unavailable`' }) lastError:
    string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) sentAt: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) failedAt: string | null;

  static from(row: EmailDeliveryRow): EmailDeliveryDto {
    const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
    return {
      id: row.id,
      template: row.template,
      recipientEmail: row.recipientEmail,
      status: row.status,
      attempts: row.attempts,
      lastError: row.lastError,
      createdAt: new Date(row.createdAt).toISOString(),
      sentAt: iso(row.sentAt),
      failedAt: iso(row.failedAt),
    };
  }
}

export class EmailDeliveryPageDto {
  @ApiProperty({ type: [EmailDeliveryDto] }) items: EmailDeliveryDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
