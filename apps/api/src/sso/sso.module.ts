import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { SsoSettingsController } from './sso-settings.controller';
import { SsoSettingsRepository } from '@hireloop/core/sso/sso-settings.repository';
import { SsoSettingsService } from '@hireloop/core/sso/sso-settings.service';
import { SsoController } from './sso.controller';
import { SsoSignInService } from './sso-sign-in.service';

/** OpenID Connect single sign-on per organization: admins' settings, and the sign-in flow. */
@Module({
  imports: [AuthModule],
  controllers: [SsoSettingsController, SsoController],
  providers: [SsoSettingsRepository, SsoSettingsService, SsoSignInService],
})
export class SsoModule {}
