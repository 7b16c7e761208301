import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { QuestionPage, QuestionView } from '@hireloop/core';

export class QuestionResponseDto implements QuestionView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() prompt: string;
  @ApiProperty({ type: [String] }) pointsOfAssessment: string[];
  @ApiProperty({ type: [String] }) pitfalls: string[];
  @ApiProperty({ type: [String] }) followUps: string[];
  @ApiProperty({ type: [String] }) tags: string[];
  @ApiProperty({ type: [String], format: 'uuid' }) dimensionIds: string[];
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}

export class QuestionPageResponseDto implements QuestionPage {
  @ApiProperty({ type: [QuestionResponseDto] }) items: QuestionResponseDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
  @ApiPropertyOptional({ description: 'With ?withTotal=true: how many questions match (every page)' }) total?: number;
}
