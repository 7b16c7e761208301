import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsEmail, IsNotEmpty, IsOptional, IsString, IsUrl, MaxLength, ValidateIf } from 'class-validator';
import { CandidateListQuery, CountedPageQueryDto, CreateCandidateInput, UpdateCandidateInput } from '@hireloop/core';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const trimLower = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value);
const trimEach = ({ value }: { value: unknown }) => (Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? v.trim() : v)) : value);
const URL_OPTIONS = { require_protocol: true, protocols: ['http', 'https'], require_tld: false };

export class CreateCandidateRequestDto implements CreateCandidateInput {
  @ApiProperty({ maxLength: 200, example: 'Jane Doe' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiProperty({ description: 'Stored lower-cased; unique within the organization', example: 'jane.doe@example.com' })
  @Transform(trimLower)
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email: string;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 100, example: 'referral' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(100)
  source?: string | null;

  @ApiPropertyOptional({ type: [String], maxItems: 20, example: ['https://github.com/janedoe'] })
  @IsOptional()
  @Transform(trimEach)
  @IsArray()
  @ArrayMaxSize(20)
  @IsUrl(URL_OPTIONS, { each: true, message: 'each link must be an http(s) URL' })
  @MaxLength(2000, { each: true })
  links?: string[];
}

export class UpdateCandidateRequestDto implements UpdateCandidateInput {
  @ApiPropertyOptional({ maxLength: 200 })
  @ValidateIf((o: UpdateCandidateRequestDto) => o.name !== undefined)
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional()
  @ValidateIf((o: UpdateCandidateRequestDto) => o.email !== undefined)
  @Transform(trimLower)
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email?: string;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 100, description: 'null clears it' })
  @IsOptional()
  @Transform(trim)
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(100)
  source?: string | null;

  @ApiPropertyOptional({ type: [String], maxItems: 20 })
  @ValidateIf((o: UpdateCandidateRequestDto) => o.links !== undefined)
  @Transform(trimEach)
  @IsArray()
  @ArrayMaxSize(20)
  @IsUrl(URL_OPTIONS, { each: true, message: 'each link must be an http(s) URL' })
  @MaxLength(2000, { each: true })
  links?: string[];
}

export class ListCandidatesQueryDto extends CountedPageQueryDto implements CandidateListQuery {
  @ApiPropertyOptional({ description: 'Case-insensitive part of the name or email', maxLength: 200 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(200)
  q?: string;
}
