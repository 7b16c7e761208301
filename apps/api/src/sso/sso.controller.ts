import { Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppConfig } from '@hireloop/config';
import { AppError } from '@hireloop/core';
import { Public } from '../common/auth.decorators';
import { TokenResponseDto } from '../auth/dto/auth.response.dto';
import { setSessionCookies } from '../auth/session-cookie';
import { completeUrl, SSO_SIGN_IN_TTL_MS, SsoSignInService } from './sso-sign-in.service';
import { ApiContract } from '../common/api-contract';

/** The browser-binding cookie of a sign-in in progress: httpOnly, only sent to the SSO routes, Lax (the provider's redirect is a top-level GET). */
export const SSO_COOKIE = 'hireloop_sso';

export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

@ApiTags('auth')
@Public()
@Controller('auth/sso')
export class SsoController {
  constructor(
    private readonly sso: SsoSignInService,
    private readonly config: AppConfig,
  ) {}

  @Get(':organizationId/start')
  @ApiContract({
    summary: "Start signing in through the organization's OpenID provider (302 to the provider)",
    response: null,
    status: 302,
    errors: [],
  })
  async start(@Param('organizationId') organizationId: string, @Res() reply: FastifyReply): Promise<void> {
    await this.redirect(reply, async () => {
      const started = await this.sso.start(organizationId);
      const secure = this.config.PUBLIC_APP_URL.startsWith('https:') ? '; Secure' : '';
      void reply.header(
        'set-cookie',
        `${SSO_COOKIE}=${started.browserBinding}; Path=/v1/auth/sso; HttpOnly; SameSite=Lax; Max-Age=${SSO_SIGN_IN_TTL_MS / 1000}${secure}`,
      );
      return started.location;
    });
  }

  @Get(':organizationId/callback')
  @ApiContract({
    summary:
      'Redirect URI registered with the provider: validates the answer, then 302 to the web app (`/sso/complete`, or `/sso/complete#error=<code>&detail=…`)',
    response: null,
    status: 302,
    errors: [],
  })
  async callback(
    @Param('organizationId') organizationId: string,
    @Query() query: Record<string, string>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.redirect(reply, () => this.sso.callback(organizationId, query, readCookie(request.headers.cookie, SSO_COOKIE)));
  }

  @Post('exchange')
  @HttpCode(200)
  @ApiContract({
    summary:
      "Exchange this browser's finished SSO sign-in (its cookie; once, within 2 minutes) for a session: the same answer as POST /v1/auth/login",
    response: TokenResponseDto,
    errors: ['sso_handoff_invalid', 'sso_membership_deactivated', 'no_active_membership'],
  })
  async exchange(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<TokenResponseDto> {
    const session = await this.sso.exchange(readCookie(request.headers.cookie, SSO_COOKIE));
    // The browser session, as every sign-in opens it (httpOnly session cookie + CSRF cookie); then the hand-off cookie goes.
    setSessionCookies(request, reply, this.config, session.accessToken);
    void reply.clearCookie(SSO_COOKIE, { path: '/v1/auth/sso', httpOnly: true, sameSite: 'lax' });
    return session;
  }

  /** A browser is on these routes: a refusal goes to the web app's page with its problem code, not to a JSON body. */
  private async redirect(reply: FastifyReply, next: () => Promise<string>): Promise<void> {
    let location: string;
    try {
      location = await next();
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      location = completeUrl(this.config.PUBLIC_APP_URL, { error: error.code, detail: error.message });
    }
    await reply.status(302).header('location', location).header('cache-control', 'no-store').send();
  }
}
