import { ApiProperty } from '@nestjs/swagger';
import { ROUND_KINDS } from '@hireloop/core';
import type { RoundKind } from '@hireloop/core';
import { RubricResponseDto, SignalsResponseDto } from '../../roles/dto/role.response.dto';
import type { RoleTemplate } from '@hireloop/core/role-templates/role-template';

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

export class RoleTemplateResponseDto {
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

  static from(t: RoleTemplate): RoleTemplateResponseDto {
    return {
      key: t.key,
      title: t.title,
      level: t.level,
      department: t.department,
      summary: t.summary,
      sources: t.sources,
      focusAreas: t.focusAreas.map((f) => ({ key: f.key, name: f.name, description: f.description, roundKeys: f.roundKeys })),
      dimensions: t.dimensions.map((d) => ({
        key: d.key,
        name: d.name,
        description: d.description,
        weight: d.weight,
        rubric: d.rubric as unknown as RubricResponseDto,
        signals: d.signals,
      })),
      rounds: t.rounds.map((r) => ({
        key: r.key,
        name: r.name,
        kind: r.kind,
        durationMinutes: r.durationMinutes,
        purpose: r.purpose,
        focusDimensionKeys: r.focus,
        questionKeys: r.questions,
      })),
      questions: t.questions.map((q) => ({
        key: q.key,
        prompt: q.prompt,
        pointsOfAssessment: q.pointsOfAssessment,
        pitfalls: q.pitfalls,
        followUps: q.followUps,
        tags: q.tags,
        dimensionKeys: q.dimensions,
      })),
    };
  }
}

export class RoleTemplatePageResponseDto {
  @ApiProperty({ type: [RoleTemplateResponseDto] }) items: RoleTemplateResponseDto[];
  @ApiProperty({ nullable: true, type: String, description: 'Always null: every template fits on one page' }) nextCursor: string | null;
}
