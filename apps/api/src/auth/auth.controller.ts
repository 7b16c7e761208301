import { Body, Controller, Get, HttpCode, Post, Req, Res, UseGuards } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { AppConfig } from '@hireloop/config';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthContext } from '@hireloop/core';
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
  @ApiOperation({
    summary: 'Create an organization and its first admin',
    description: 'With SIGNUP_EMAIL_VERIFICATION: 202 with the same body for every e-mail (new or registered); finish with POST /v1/auth/verify-email.',
  })
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
  @ApiOperation({ summary: 'Finish a signup with the token from the verification mail, and sign in' })
  verifyEmail(@Body() dto: VerifyEmailRequestDto): Promise<TokenResponseDto> {
    return this.auth.verifyEmail(dto);
  }

  @Public()
  @AuthThrottle('login')
  @UseGuards(AuthThrottleGuard, LocalAuthGuard)
  @Post('auth/login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange email and password for a bearer token' })
  login(@Body() dto: LoginRequestDto, @Req() req: { user: { userId: string } }): Promise<TokenResponseDto> {
    return this.auth.login(req.user.userId, dto.organizationId);
  }

  @Public()
  @AuthThrottle('accept-invite')
  @UseGuards(AuthThrottleGuard)
  @Post('auth/accept-invite')
  @HttpCode(200)
  @ApiOperation({ summary: 'Set a password with a one-time invite token and sign in' })
  acceptInvite(@Body() dto: AcceptInviteRequestDto): Promise<TokenResponseDto> {
    return this.auth.acceptInvite(dto);
  }

  @ApiBearerAuth()
  @Get('me')
  @ApiOperation({ summary: 'The caller: user, organization and membership (memberId, roles)' })
  me(@Auth() auth: AuthContext): Promise<MeResponseDto> {
    return this.auth.me(auth);
  }
}
