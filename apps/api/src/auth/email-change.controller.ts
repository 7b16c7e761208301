import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthContext } from '@hireloop/core';
import { EmailChangeService } from '@hireloop/core/users/email-change.service';
import { ApiContract } from '../common/api-contract';
import { Auth, Public } from '../common/auth.decorators';
import { AuthThrottle, AuthThrottleGuard } from './auth-throttle.guard';
import {
  ChangeEmailRequestDto,
  ConfirmEmailChangeRequestDto,
  EmailChangedResponseDto,
  EmailChangeRequestedResponseDto,
} from './dto/email-change.dto';

/** Changing the address an account signs in with: asked for while signed in, confirmed from the link sent there. */
@ApiTags('auth')
@Controller()
export class EmailChangeController {
  constructor(private readonly changes: EmailChangeService) {}

  @ApiBearerAuth()
  @AuthThrottle('change-email')
  @UseGuards(AuthThrottleGuard)
  @Post('me/email')
  @HttpCode(202)
  @ApiContract({
    summary: 'Ask to sign in with another email address: a confirmation link is sent there (the current password is required)',
    description:
      'Nothing changes until the link is used (POST /v1/auth/email-change/confirm); a newer request replaces the link. The answer is the same whether or not another account has the address (then no link is sent).',
    response: EmailChangeRequestedResponseDto,
    status: 202,
    errors: ['invalid_current_password', 'too_many_requests', 'busy'],
  })
  async request(@Auth() auth: AuthContext, @Body() dto: ChangeEmailRequestDto): Promise<EmailChangeRequestedResponseDto> {
    const { expiresAt } = await this.changes.request(auth.userId, dto);
    return { pendingEmail: dto.newEmail, expiresAt: expiresAt.toISOString() };
  }

  @Public()
  @AuthThrottle('email-change-confirm')
  @UseGuards(AuthThrottleGuard)
  @Post('auth/email-change/confirm')
  @HttpCode(200)
  @ApiContract({
    summary: 'Confirm a new sign-in address with the token of the link sent there (single use, 24 hours)',
    description:
      'The account signs in with the new address from now on; sessions go on. The previous address is emailed about the change, and reset links sent to it stop working.',
    response: EmailChangedResponseDto,
    errors: ['invalid_email_change_token', 'email_taken', 'too_many_requests', 'busy'],
  })
  async confirm(@Body() dto: ConfirmEmailChangeRequestDto): Promise<EmailChangedResponseDto> {
    return this.changes.confirm(dto.token);
  }
}
