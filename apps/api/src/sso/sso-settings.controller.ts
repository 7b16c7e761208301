import { Body, Controller, Delete, Get, HttpCode, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthContext } from '@hireloop/core';
import { SsoSettingsService } from '@hireloop/core/sso/sso-settings.service';
import { Auth, Roles } from '../common/auth.decorators';
import { SsoSettingsResponseDto, UpdateSsoSettingsRequestDto } from './dto/sso.dto';
import { ApiContract } from '../common/api-contract';

@ApiTags('organization')
@ApiBearerAuth()
@Controller('organization/sso')
export class SsoSettingsController {
  constructor(private readonly settings: SsoSettingsService) {}

  @Get()
  @Roles('admin')
  @ApiContract({
    summary: 'Single sign-on settings (the client secret is never returned), with the redirect URI to register',
    response: SsoSettingsResponseDto,
    errors: [],
  })
  get(@Auth() auth: AuthContext): Promise<SsoSettingsResponseDto> {
    return this.settings.get(auth);
  }

  @Put()
  @Roles('admin')
  @ApiContract({
    summary: 'Create or replace the OpenID Connect settings; the issuer is checked (SSRF guard, discovery) before saving',
    response: SsoSettingsResponseDto,
    errors: [],
  })
  put(@Auth() auth: AuthContext, @Body() dto: UpdateSsoSettingsRequestDto): Promise<SsoSettingsResponseDto> {
    return this.settings.put(auth, dto);
  }

  @Delete()
  @Roles('admin')
  @HttpCode(204)
  @ApiContract({ summary: 'Remove single sign-on (password sign-in is allowed again)', response: null, status: 204, errors: [] })
  async remove(@Auth() auth: AuthContext): Promise<void> {
    await this.settings.remove(auth);
  }
}
