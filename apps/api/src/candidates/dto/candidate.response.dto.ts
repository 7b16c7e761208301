import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  APPLICATION_STATUSES,
  ApplicationStatus,
  CandidateApplicationSummary,
  CandidateDetailView,
  CandidatePage,
  CandidateView,
} from '@hireloop/core';

export class CandidateResponseDto implements CandidateView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: '"Erased candidate" after erasure' }) name: string;
  @ApiProperty() email: string;
  @ApiProperty({ nullable: true, type: String }) source: string | null;
  @ApiProperty({ type: [String] }) links: string[];
  @ApiProperty({ description: 'Personal data was erased on request' }) erased: boolean;
  @ApiProperty({ nullable: true, type: String }) erasedAt: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}

export class CandidateApplicationSummaryDto implements CandidateApplicationSummary {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) roleId: string;
  @ApiProperty() roleTitle: string;
  @ApiProperty() stage: string;
  @ApiProperty({ enum: APPLICATION_STATUSES }) status: ApplicationStatus;
}

export class CandidateDetailResponseDto extends CandidateResponseDto implements CandidateDetailView {
  @ApiProperty({ type: [CandidateApplicationSummaryDto] }) applications: CandidateApplicationSummaryDto[];
}

export class CandidatePageResponseDto implements CandidatePage {
  @ApiProperty({ type: [CandidateResponseDto] }) items: CandidateResponseDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
  @ApiPropertyOptional({ description: 'With ?withTotal=true: how many candidates match (every page)' }) total?: number;
}
