import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppConfig } from '@hireloop/config';
import type { AuthContext } from '@hireloop/core';
import { AccountSecurityService } from '@hireloop/core/users/account-security.service';
import { SessionsService } from '@hireloop/core/users/sessions.service';
import { ApiContract } from '../common/api-contract';
import { Auth } from '../common/auth.decorators';
import { UuidParam } from '../common/uuid-param';
import { AuthService } from './auth.service';
import { AuthThrottle, AuthThrottleGuard } from './auth-throttle.guard';
import { ChangePasswordRequestDto, SwitchOrganizationRequestDto, UpdateMeRequestDto } from './dto/account.request.dto';
import { MeResponseDto, MyOrganizationsResponseDto, SessionsResponseDto, TokenResponseDto } from './dto/auth.response.dto';
import { clearSessionCookies, setSessionCookies } from './session-cookie';

/** A signed-in member's own account: its name, password, sessions (listed, ended) and organizations. Any role. */
@ApiTags('auth')
@ApiBearerAuth()
@Controller()
export class AccountController {
  constructor(
    private readonly account: AccountSecurityService,
    private readonly auth: AuthService,
    private readonly sessions: SessionsService,
    private readonly config: AppConfig,
  ) {}

  @Patch('me')
  @ApiContract({
    summary: "Change your name (the account's, in every organization you belong to); a field left out keeps its value",
    response: MeResponseDto,
    errors: [],
  })
  async updateMe(@Auth() auth: AuthContext, @Body() dto: UpdateMeRequestDto): Promise<MeResponseDto> {
    if (dto.name !== undefined) await this.account.rename(auth.userId, dto.name);
    return this.auth.me(auth);
  }

  @Get('me/organizations')
  @ApiContract({
    summary:
      'Your organizations (active memberships, oldest first): name, your roles there, the current one, and whether entering it needs its single sign-on',
    response: MyOrganizationsResponseDto,
    errors: [],
  })
  async myOrganizations(@Auth() auth: AuthContext): Promise<MyOrganizationsResponseDto> {
    return { items: await this.auth.myOrganizations(auth) };
  }

  @Post('auth/switch-organization')
  @HttpCode(200)
  @ApiContract({
    summary: 'Open a session in another of your organizations without the password again (the rules of signing in to it apply); this session stays',
    response: TokenResponseDto,
    errors: ['organization_not_found', 'sso_required', 'busy'],
  })
  async switchOrganization(
    @Auth() auth: AuthContext,
    @Body() dto: SwitchOrganizationRequestDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TokenResponseDto> {
    const token = await this.auth.switchOrganization(auth, dto.organizationId);
    setSessionCookies(req, reply, this.config, token.accessToken);
    return token;
  }

  @AuthThrottle('change-password')
  @UseGuards(AuthThrottleGuard)
  @Post('me/password')
  @HttpCode(200)
  @ApiContract({
    summary: 'Change your password (the current one is required); every session of the account ends, and this answer opens a new one',
    description:
      'Sessions in every organization and on every device issued before the change are refused from now on; the answer carries a fresh token (and session cookies) for this membership. The owner is emailed that the password changed, and open reset links stop working.',
    response: TokenResponseDto,
    errors: ['invalid_current_password', 'too_many_requests', 'busy'],
  })
  async changePassword(
    @Auth() auth: AuthContext,
    @Body() dto: ChangePasswordRequestDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TokenResponseDto> {
    await this.account.changePassword(auth.userId, dto);
    const token = await this.auth.issueToken(auth.memberId);
    setSessionCookies(req, reply, this.config, token.accessToken);
    return token;
  }

  @Get('me/sessions')
  @ApiContract({
    summary:
      'Where your account is signed in: its live sessions in every organization (newest first, at most 200), with the client and address of each sign-in',
    response: SessionsResponseDto,
    errors: [],
  })
  async mySessions(@Auth() auth: AuthContext): Promise<SessionsResponseDto> {
    const sessions = await this.sessions.list(auth.userId);
    return {
      items: sessions.map((s) => ({
        id: s.id,
        organizationId: s.organizationId,
        organizationName: s.organizationName,
        createdAt: new Date(s.createdAt).toISOString(),
        lastUsedAt: new Date(s.lastUsedAt).toISOString(),
        expiresAt: new Date(s.expiresAt).toISOString(),
        userAgent: s.userAgent,
        ipAddress: s.ipAddress,
        current: s.id === auth.sessionId,
      })),
    };
  }

  @Delete('me/sessions/:id')
  @HttpCode(204)
  @ApiContract({
    summary: "End one of your account's sessions (a device you no longer use): its token is refused from now on, in every organization's API",
    description: 'Ending the session of this request signs it out like POST /v1/auth/logout (its cookies are cleared).',
    response: null,
    status: 204,
    errors: ['session_not_found'],
  })
  async endSession(
    @Auth() auth: AuthContext,
    @Param('id', UuidParam) id: string,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    await this.sessions.end(auth.userId, id);
    if (id === auth.sessionId) clearSessionCookies(req, reply, this.config);
  }

  @Post('auth/logout-everywhere')
  @HttpCode(204)
  @ApiContract({
    summary: 'Sign out everywhere: every session of your account (every organization, every device, this one too) is refused from now on',
    response: null,
    status: 204,
    errors: [],
  })
  async logoutEverywhere(@Auth() auth: AuthContext, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    await this.account.endAllSessions(auth.userId);
    clearSessionCookies(req, reply, this.config);
  }
}
