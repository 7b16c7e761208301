import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import type { SelfIdentificationFormView, SelfIdentificationLinkView, SelfIdentificationView } from '@hireloop/core';
import { SELF_IDENTIFICATION_CATEGORIES as C } from '@hireloop/core/self-identification/self-identification-categories';

export class CreateSelfIdentificationLinkRequestDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 30, default: 14, description: 'Days until the link expires' })
  @IsOptional()
  @IsInt({ message: 'expiresInDays must be a whole number' })
  @Min(1, { message: 'expiresInDays must be between 1 and 30' })
  @Max(30, { message: 'expiresInDays must be between 1 and 30' })
  expiresInDays?: number;

  @ApiPropertyOptional({
    default: false,
    description:
      "Also email the link to the candidate's address (sent by the worker after the commit; the organization's name, no preferences link: the candidate has no account). The URL is returned either way.",
  })
  @IsOptional()
  @IsBoolean({ message: 'sendEmail must be true or false' })
  sendEmail?: boolean;
}

export class SelfIdentificationLinkResponseDto implements SelfIdentificationLinkView {
  @ApiProperty({ description: "The candidate's one-time page; it contains the token, so send it to the candidate only" }) url: string;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
  @ApiProperty({ description: 'True when the link was also queued for email to the candidate (sendEmail)' }) emailed: boolean;
}

const oneOf = (values: readonly string[], field: string) => IsIn(values, { message: `${field} must be one of ${values.join(', ')}` });

export class SubmitSelfIdentificationRequestDto {
  @ApiProperty({ enum: C.sex }) @oneOf(C.sex, 'sex') sex: (typeof C.sex)[number];
  @ApiProperty({ enum: C.raceEthnicity }) @oneOf(C.raceEthnicity, 'raceEthnicity') raceEthnicity: (typeof C.raceEthnicity)[number];
  @ApiProperty({ enum: C.veteranStatus }) @oneOf(C.veteranStatus, 'veteranStatus') veteranStatus: (typeof C.veteranStatus)[number];
  @ApiProperty({ enum: C.disability }) @oneOf(C.disability, 'disability') disability: (typeof C.disability)[number];
}

export class SelfIdentificationOptionDto {
  @ApiProperty() value: string;
  @ApiProperty() label: string;
}

export class SelfIdentificationQuestionDto {
  @ApiProperty({ enum: Object.keys(C) }) category: string;
  @ApiProperty() label: string;
  @ApiProperty({ type: [SelfIdentificationOptionDto] }) options: SelfIdentificationOptionDto[];
}

export class SelfIdentificationFormResponseDto implements SelfIdentificationFormView {
  @ApiProperty() organizationName: string;
  @ApiProperty({ description: 'The role applied for' }) roleTitle: string;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
  @ApiProperty({ type: [SelfIdentificationQuestionDto] }) questions: SelfIdentificationQuestionDto[];
}

export class SelfIdentificationResponseDto implements SelfIdentificationView {
  @ApiProperty({ format: 'uuid' }) applicationId: string;
  @ApiProperty({ format: 'date-time' }) submittedAt: string;
  @ApiProperty({ type: SubmitSelfIdentificationRequestDto }) answers: SubmitSelfIdentificationRequestDto;
}
