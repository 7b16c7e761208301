import { Body, Controller, Get, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthContext } from '@hireloop/core';
import { Auth, Public } from '../common/auth.decorators';
import { AuthService } from './auth.service';
import { AcceptInviteRequestDto, LoginRequestDto, SignupRequestDto } from './dto/auth.request.dto';
import { MeResponseDto, TokenResponseDto } from './dto/auth.response.dto';
import { LocalAuthGuard } from './local-auth.guard';
import { AuthThrottle, AuthThrottleGuard } from './auth-throttle.guard';

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @AuthThrottle('signup')
  @UseGuards(AuthThrottleGuard)
  @Post('auth/signup')
  @ApiOperation({ summary: 'Create an organization and its first admin' })
  signup(@Body() dto: SignupRequestDto): Promise<TokenResponseDto> {
    return this.auth.signup(dto);
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
