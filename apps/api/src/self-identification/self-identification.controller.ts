import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiContract } from '../common/api-contract';
import { SelfIdentificationService, type AuthContext } from '@hireloop/core';
import { Auth, Public, Roles } from '../common/auth.decorators';
import { UuidParam } from '../common/uuid-param';
import {
  CreateSelfIdentificationLinkRequestDto,
  SelfIdentificationFormResponseDto,
  SelfIdentificationLinkResponseDto,
  SelfIdentificationResponseDto,
  SubmitSelfIdentificationRequestDto,
} from './self-identification.dto';

@ApiTags('self-identification')
@Controller()
export class SelfIdentificationController {
  constructor(private readonly selfIdentification: SelfIdentificationService) {}

  @ApiBearerAuth()
  @Post('applications/:id/self-identification-link')
  @Roles('admin', 'recruiter')
  @ApiContract({
    summary:
      'Create a one-time voluntary self-identification link for the candidate of an application (expires in 14 days by default); with sendEmail, also email it to the candidate',
    response: SelfIdentificationLinkResponseDto,
    status: 201,
    errors: ['application_not_found', 'candidate_erased', 'candidate_email_undeliverable'],
  })
  createLink(
    @Auth() auth: AuthContext,
    @Param('id', UuidParam) id: string,
    @Body() body: CreateSelfIdentificationLinkRequestDto,
  ): Promise<SelfIdentificationLinkResponseDto> {
    return this.selfIdentification.createLink(auth, id, { expiresInDays: body.expiresInDays, sendEmail: body.sendEmail ?? false });
  }

  @ApiBearerAuth()
  @Get('applications/:id/self-identification')
  @Roles('compliance')
  @ApiContract({
    summary: "An application's self-identification answers (compliance role only); 404 when none were given",
    response: SelfIdentificationResponseDto,
    errors: ['self_identification_not_found'],
  })
  read(@Auth() auth: AuthContext, @Param('id', UuidParam) id: string): Promise<SelfIdentificationResponseDto> {
    return this.selfIdentification.read(auth, id);
  }

  @Public()
  @Get('self-identification/:token')
  @ApiContract({
    summary: "The candidate's self-identification form by its one-time token; 404 unknown, 410 used or expired",
    response: SelfIdentificationFormResponseDto,
    errors: ['self_identification_link_not_found', 'self_identification_link_used', 'self_identification_link_expired'],
  })
  form(@Param('token') token: string): Promise<SelfIdentificationFormResponseDto> {
    return this.selfIdentification.form(token);
  }

  @Public()
  @Post('self-identification/:token')
  @HttpCode(204)
  @ApiContract({
    summary: 'Submit the self-identification answers (each may be "decline_to_answer"); the link then stops working',
    response: null,
    status: 204,
    errors: ['self_identification_link_not_found', 'self_identification_link_used', 'self_identification_link_expired'],
  })
  async submit(@Param('token') token: string, @Body() body: SubmitSelfIdentificationRequestDto): Promise<void> {
    await this.selfIdentification.submit(token, body);
  }
}
