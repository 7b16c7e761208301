import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, ValidateIf } from 'class-validator';
import type { EmailPreferencesView } from '@hireloop/core';
import { EMAIL_PREFERENCE_CATEGORIES, EmailPreferenceCategory } from '@hireloop/core/email/email-preferences';

export class UpdateEmailPreferencesRequestDto {
  @ApiPropertyOptional({ description: 'Interview scheduled, moved or cancelled (with the calendar invitation)' })
  @ValidateIf((o: UpdateEmailPreferencesRequestDto) => o.interviewUpdates !== undefined)
  @IsBoolean({ message: 'interviewUpdates must be true or false' })
  interviewUpdates?: boolean;
  @ApiPropertyOptional({ description: 'Feedback reminders and escalations' })
  @ValidateIf((o: UpdateEmailPreferencesRequestDto) => o.feedbackReminders !== undefined)
  @IsBoolean({ message: 'feedbackReminders must be true or false' })
  feedbackReminders?: boolean;
  @ApiPropertyOptional({ description: 'Decision recorded (to recruiters)' })
  @ValidateIf((o: UpdateEmailPreferencesRequestDto) => o.decisionNotices !== undefined)
  @IsBoolean({ message: 'decisionNotices must be true or false' })
  decisionNotices?: boolean;
}

export class EmailPreferencesResponseDto implements EmailPreferencesView {
  @ApiProperty({ description: 'The address these preferences belong to' }) email: string;
  @ApiProperty() interviewUpdates: boolean;
  @ApiProperty() feedbackReminders: boolean;
  @ApiProperty() decisionNotices: boolean;
  @ApiProperty({ example: ['invitation', 'email_verification', 'password_reset'], description: 'Always sent (account and security mail)' })
  essential: string[];
}

export class UnsubscribeQueryDto {
  @ApiPropertyOptional({ enum: EMAIL_PREFERENCE_CATEGORIES, description: 'The category to turn off; absent: every non-essential email' })
  @IsOptional()
  @IsIn(EMAIL_PREFERENCE_CATEGORIES, { message: `category must be one of: ${EMAIL_PREFERENCE_CATEGORIES.join(', ')}` })
  category?: EmailPreferenceCategory;
}
