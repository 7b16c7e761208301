import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '../common/auth.decorators';
import { PasswordResetAcceptedResponseDto, PasswordResetConfirmRequestDto, PasswordResetRequestDto } from './dto/password-reset.request.dto';
import { ApiContract } from '../common/api-contract';
import { AuthThrottle, AuthThrottleGuard } from './auth-throttle.guard';
import { PasswordResetService } from '@hireloop/core/users/password-reset.service';

@ApiTags('auth')
@Controller()
export class PasswordResetController {
  constructor(private readonly resets: PasswordResetService) {}

  @Public()
  @AuthThrottle('password-reset')
  @UseGuards(AuthThrottleGuard)
  @Post('auth/password-reset')
  @HttpCode(202)
  @ApiContract({
    summary: 'Email a single-use password-reset link (valid 1 hour); always 202, whether or not the address has an account',
    response: PasswordResetAcceptedResponseDto,
    status: 202,
    errors: ['too_many_requests'],
  })
  async request(@Body() dto: PasswordResetRequestDto): Promise<PasswordResetAcceptedResponseDto> {
    await this.resets.request(dto);
    return { accepted: true };
  }

  @Public()
  @AuthThrottle('password-reset-confirm')
  @UseGuards(AuthThrottleGuard)
  @Post('auth/password-reset/confirm')
  @HttpCode(204)
  @ApiContract({
    summary: 'Set a new password with the token of a reset link (single use); then sign in with it',
    response: null,
    status: 204,
    errors: ['invalid_reset_token', 'too_many_requests', 'busy'],
  })
  async confirm(@Body() dto: PasswordResetConfirmRequestDto): Promise<void> {
    await this.resets.confirm(dto);
  }
}
