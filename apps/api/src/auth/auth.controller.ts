import { Body, Controller, Get, HttpCode, Post, Req, Res, UseGuards } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppConfig } from '@hireloop/config';
import { ApiBearerAuth, ApiResponse, ApiTags } from '@nestjs/swagger';
import { newOneTimeToken, type AuthContext } from '@hireloop/core';
import { ApiContract } from '../common/api-contract';
import { Auth, Public } from '../common/auth.decorators';
import { AuthService, SIGNUP_VERIFICATION_SECONDS } from './auth.service';
import { AcceptInviteRequestDto, LoginRequestDto, SignupRequestDto, VerifyEmailRequestDto } from './dto/auth.request.dto';
import { MeResponseDto, SignupAcceptedResponseDto, TokenResponseDto } from './dto/auth.response.dto';
import { LocalAuthGuard } from './local-auth.guard';
import { AuthThrottle, AuthThrottleGuard } from './auth-throttle.guard';
import {
  assertCsrfToken,
  clearSessionCookies,
  clearSignupCookie,
  sessionCredential,
  setSessionCookies,
  setSignupCookie,
  signupBrowserKeyOf,
} from './session-cookie';

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
    description:
      'With SIGNUP_EMAIL_VERIFICATION: 202 with the same body for every e-mail (new or registered); finish with POST /v1/auth/verify-email.',
    response: TokenResponseDto,
    status: 201,
    errors: ['email_taken', 'too_many_requests', 'busy'],
  })
  @ApiResponse({
    status: 202,
    description: 'Accepted (SIGNUP_EMAIL_VERIFICATION): a verification mail is on its way',
    type: SignupAcceptedResponseDto,
  })
  async signup(
    @Body() dto: SignupRequestDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TokenResponseDto | SignupAcceptedResponseDto> {
    if (!this.config.SIGNUP_EMAIL_VERIFICATION) return this.startSession(req, reply, this.auth.signup(dto));
    void reply.status(202);
    // Set whether or not the address has an account, so that the answer does not tell them apart.
    const browserKey = newOneTimeToken();
    setSignupCookie(req, reply, this.config, browserKey, SIGNUP_VERIFICATION_SECONDS);
    return this.auth.signupWithVerification(dto, browserKey);
  }

  @Public()
  @AuthThrottle('verify-email')
  @UseGuards(AuthThrottleGuard)
  @Post('auth/verify-email')
  @HttpCode(200)
  @ApiContract({
    summary: 'Finish a signup with the token from the verification mail, and sign in',
    description:
      'In the browser that signed up (its hireloop_signup cookie) the token is enough; anywhere else the password chosen at sign-up must come too (400 password_required, 401 invalid_credentials; the token stays usable).',
    response: TokenResponseDto,
    errors: [{ code: 'invalid_token', status: 400 }, 'password_required', 'invalid_credentials', 'too_many_requests', 'busy'],
  })
  async verifyEmail(
    @Body() dto: VerifyEmailRequestDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TokenResponseDto> {
    const session = await this.startSession(req, reply, this.auth.verifyEmail(dto, signupBrowserKeyOf(req)));
    clearSignupCookie(req, reply, this.config);
    return session;
  }

  @Public()
  @AuthThrottle('login')
  @UseGuards(AuthThrottleGuard, LocalAuthGuard)
  @Post('auth/login')
  @HttpCode(200)
  @ApiContract({
    summary: 'Exchange email and password for a bearer token',
    response: TokenResponseDto,
    errors: ['invalid_credentials', 'no_active_membership', 'too_many_requests', 'busy'],
  })
  login(
    @Body() dto: LoginRequestDto,
    @Req() req: FastifyRequest & { user: { userId: string } },
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TokenResponseDto> {
    return this.startSession(req, reply, this.auth.login(req.user.userId, dto.organizationId));
  }

  @Public()
  @AuthThrottle('accept-invite')
  @UseGuards(AuthThrottleGuard)
  @Post('auth/accept-invite')
  @HttpCode(200)
  @ApiContract({
    summary: 'Set a password with a one-time invite token and sign in',
    response: TokenResponseDto,
    errors: ['invalid_invite', 'invite_revoked', 'invalid_credentials', 'too_many_requests', 'busy'],
  })
  acceptInvite(
    @Body() dto: AcceptInviteRequestDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TokenResponseDto> {
    return this.startSession(req, reply, this.auth.acceptInvite(dto));
  }

  /** Public, so that an expired session can still clear its cookies; a valid token sent along is revoked. */
  @Public()
  @ApiBearerAuth()
  @Post('auth/logout')
  @HttpCode(204)
  @ApiContract({
    summary:
      'Sign out: the access token (bearer or session cookie; X-CSRF-Token with the cookie) is refused from now on, and the session cookies are cleared',
    response: null,
    status: 204,
    errors: ['csrf_token_invalid'],
  })
  async logout(@Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    assertCsrfToken(req, this.config.JWT_SECRET);
    const credential = sessionCredential(req);
    if (credential) await this.auth.signOut(credential.token);
    clearSessionCookies(req, reply, this.config);
  }

  /**
   * Every sign-in also opens a browser session: the token in an httpOnly cookie plus the CSRF cookie (see
   * session-cookie.ts). Clients that use the bearer token from the body ignore them.
   */
  private async startSession(req: FastifyRequest, reply: FastifyReply, issued: Promise<TokenResponseDto>): Promise<TokenResponseDto> {
    const token = await issued;
    setSessionCookies(req, reply, this.config, token.accessToken);
    return token;
  }

  @ApiBearerAuth()
  @Get('me')
  @ApiContract({ summary: 'The caller: user, organization and membership (memberId, roles)', response: MeResponseDto, errors: [] })
  me(@Auth() auth: AuthContext): Promise<MeResponseDto> {
    return this.auth.me(auth);
  }
}
