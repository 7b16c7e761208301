import { ApiProperty } from '@nestjs/swagger';
import { ROUND_KINDS } from '@hireloop/core';
import type { RoleTemplatePage, RoleTemplateView, RoundKind } from '@hireloop/core';
import { RubricResponseDto, SignalsResponseDto } from '../../roles/dto/role.response.dto';

export class TemplateFocusAreaResponseDto {
  @ApiProperty() key: string;
  @ApiProperty() name: string;
  @ApiProperty() description: string;
  @ApiProperty({ type: [String], description: 'Keys of the rounds that probe it' }) roundKeys: string[];
}

export class TemplateDimensionResponseDto {
  @ApiProperty() key: string;
  @ApiProperty() name: string;
  @ApiProperty() description: string;
  @ApiProperty({ description: 'Percent' }) weight: number;
  @ApiProperty({ type: RubricResponseDto }) rubric: RubricResponseDto;
  @ApiProperty({ type: SignalsResponseDto }) signals: SignalsResponseDto;
}

export class TemplateRoundResponseDto {
  @ApiProperty() key: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ROUND_KINDS, enumName: 'RoundKind' }) kind: RoundKind;
  @ApiProperty() durationMinutes: number;
  @ApiProperty() purpose: string;
  @ApiProperty({ type: [String] }) focusDimensionKeys: string[];
  @ApiProperty({ type: [String] }) questionKeys: string[];
}

export class TemplateQuestionResponseDto {
  @ApiProperty() key: string;
  @ApiProperty() prompt: string;
  @ApiProperty({ type: [String] }) pointsOfAssessment: string[];
  @ApiProperty({ type: [String] }) pitfalls: string[];
  @ApiProperty({ type: [String] }) followUps: string[];
  @ApiProperty({ type: [String] }) tags: string[];
  @ApiProperty({ type: [String] }) dimensionKeys: string[];
}

export class RoleTemplateResponseDto implements RoleTemplateView {
  @ApiProperty({ example: 'senior-applied-scientist' }) key: string;
  @ApiProperty() title: string;
  @ApiProperty() level: string;
  @ApiProperty() department: string;
  @ApiProperty() summary: string;
  @ApiProperty({ type: [String] }) sources: string[];
  @ApiProperty({ type: [TemplateFocusAreaResponseDto], description: 'What the loop as a whole is designed to find out' })
  focusAreas: TemplateFocusAreaResponseDto[];
  @ApiProperty({ type: [TemplateDimensionResponseDto] }) dimensions: TemplateDimensionResponseDto[];
  @ApiProperty({ type: [TemplateRoundResponseDto] }) rounds: TemplateRoundResponseDto[];
  @ApiProperty({ type: [TemplateQuestionResponseDto] }) questions: TemplateQuestionResponseDto[];
}

export class RoleTemplatePageResponseDto implements RoleTemplatePage {
  @ApiProperty({ type: [RoleTemplateResponseDto] }) items: RoleTemplateResponseDto[];
  @ApiProperty({ nullable: true, type: String, description: 'Always null: every template fits on one page' }) nextCursor: string | null;
}
