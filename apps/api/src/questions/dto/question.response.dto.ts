import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { QuestionEntity } from '@hireloop/core';

export class QuestionResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() prompt: string;
  @ApiProperty({ type: [String] }) pointsOfAssessment: string[];
  @ApiProperty({ type: [String] }) pitfalls: string[];
  @ApiProperty({ type: [String] }) followUps: string[];
  @ApiProperty({ type: [String] }) tags: string[];
  @ApiProperty({ type: [String], format: 'uuid' }) dimensionIds: string[];
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;

  static from(q: QuestionEntity): QuestionResponseDto {
    return {
      id: q.id,
      prompt: q.prompt,
      pointsOfAssessment: q.pointsOfAssessment,
      pitfalls: q.pitfalls,
      followUps: q.followUps,
      tags: q.tags,
      dimensionIds: q.dimensionIds,
      createdAt: q.createdAt.toISOString(),
      updatedAt: q.updatedAt.toISOString(),
    };
  }
}

export class QuestionPageResponseDto {
  @ApiProperty({ type: [QuestionResponseDto] }) items: QuestionResponseDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
  @ApiPropertyOptional({ description: 'With ?withTotal=true: how many questions match (every page)' }) total?: number;
}
