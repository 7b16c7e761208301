import { Body, Controller, Get, HttpCode, Post, Req, Res, UseGuards } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { AppConfig } from '@hireloop/config';
import { ApiBearerAuth, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { AuthContext } from '@hireloop/core';
import { ApiContract } from '../common/api-contract';
import { Auth, Public } from '../common/auth.decorators';
import { AuthService } from './auth.service';
import { AcceptInviteRequestDto, LoginRequestDto, SignupRequestDto, VerifyEmailRequestDto } from './dto/auth.request.dto';
import { MeResponseDto, SignupAcceptedResponseDto, TokenResponseDto } from './dto/auth.response.dto';
import { LocalAuthGuard } from './local-auth.guard';
import { AuthThrottle, AuthThrottleGuard } from './auth-throttle.guard';

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly config: AppConfig,
  ) {}

  @Public()
  @AuthThrottle('signup')
  @UseGuards(AuthThrottleGuard)
  @Post('auth/signup')
  @ApiContract({
    summary: 'Create an organization and its first admin',
    description: 'With SIGNUP_EMAIL_VERIFICATION: 202 with the same body for every e-mail (new or registered); finish with POST /v1/auth/verify-email.',
    response: TokenResponseDto,
    status: 201,
    errors: ['email_taken', 'too_many_requests', 'busy'],
  })
  @ApiResponse({ status: 202, description: 'Accepted (SIGNUP_EMAIL_VERIFICATION): a verification mail is on its way', type: SignupAcceptedResponseDto })
  async signup(@Body() dto: SignupRequestDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<TokenResponseDto | SignupAcceptedResponseDto> {
    if (!this.config.SIGNUP_EMAIL_VERIFICATION) return this.auth.signup(dto);
    void reply.status(202);
    return this.auth.signupWithVerification(dto);
  }

  @Public()
  @AuthThrottle('verify-email')
  @UseGuards(AuthThrottleGuard)
  @Post('auth/verify-email')
  @HttpCode(200)
  @ApiContract({ summary: 'Finish a signup with the token from the verification mail, and sign in', response: TokenResponseDto, errors: [{ code: 'invalid_token', status: 400 }, 'too_many_requests', 'busy'] })
  verifyEmail(@Body() dto: VerifyEmailRequestDto): Promise<TokenResponseDto> {
    return this.auth.verifyEmail(dto);
  }

  @Public()
  @AuthThrottle('login')
  @UseGuards(AuthThrottleGuard, LocalAuthGuard)
  @Post('auth/login')
  @HttpCode(200)
  @ApiContract({ summary: 'Exchange email and password for a bearer token', response: TokenResponseDto, errors: ['invalid_credentials', 'no_active_membership', 'too_many_requests', 'busy'] })
  login(@Body() dto: LoginRequestDto, @Req() req: { user: { userId: string } }): Promise<TokenResponseDto> {
    return this.auth.login(req.user.userId, dto.organizationId);
  }

  @Public()
  @AuthThrottle('accept-invite')
  @UseGuards(AuthThrottleGuard)
  @Post('auth/accept-invite')
  @HttpCode(200)
  @ApiContract({ summary: 'Set a password with a one-time invite token and sign in', response: TokenResponseDto, errors: ['invalid_invite', 'invalid_credentials', 'too_many_requests', 'busy'] })
  acceptInvite(@Body() dto: AcceptInviteRequestDto): Promise<TokenResponseDto> {
    return this.auth.acceptInvite(dto);
  }

  @ApiBearerAuth()
  @Get('me')
  @ApiContract({ summary: 'The caller: user, organization and membership (memberId, roles)', response: MeResponseDto, errors: [] })
  me(@Auth() auth: AuthContext): Promise<MeResponseDto> {
    return this.auth.me(auth);
  }
}
