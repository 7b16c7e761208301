import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import { NOTIFICATION_KINDS, NotificationKind, PageQueryDto } from '@hireloop/core';
import type { NotificationListQuery, NotificationPage, NotificationView } from '@hireloop/core';

export class ListNotificationsQueryDto extends PageQueryDto implements NotificationListQuery {
  @ApiPropertyOptional({ description: 'Only notifications not yet marked read' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  unread?: boolean;
}

export class NudgedByDto {
  @ApiProperty({ format: 'uuid' }) memberId: string;
  @ApiProperty() name: string;
}

export class NotificationPayloadDto {
  @ApiProperty({ format: 'uuid' }) applicationId: string;
  @ApiProperty({ format: 'uuid' }) roleId: string;
  @ApiProperty() roleTitle: string;
  @ApiProperty() interviewEndedAt: string;
  @ApiProperty({ description: 'When the scorecard fell due' }) dueAt: string;
  @ApiProperty() daysOverdue: number;
  @ApiPropertyOptional({ type: NudgedByDto, description: 'A nudge only: who asked for the scorecard' }) nudgedBy?: NudgedByDto;
}

export class NotificationResponseDto implements NotificationView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: NOTIFICATION_KINDS }) kind: NotificationKind;
  @ApiProperty({ format: 'uuid' }) interviewId: string;
  @ApiProperty({ format: 'uuid', description: 'The interviewer whose scorecard is missing' }) interviewerId: string;
  @ApiProperty({ description: 'Days since the scorecard fell due' }) step: number;
  @ApiProperty({ type: NotificationPayloadDto }) payload: NotificationPayloadDto;
  @ApiProperty() createdAt: string;
  @ApiProperty({ nullable: true, type: String }) readAt: string | null;
}

export class NotificationPageResponseDto implements NotificationPage {
  @ApiProperty({ type: NotificationResponseDto, isArray: true }) items: NotificationResponseDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
