import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { AppConfig, assertApiSecret } from '@hireloop/config';
import { AccountController } from './account.controller';
import { AuthController } from './auth.controller';
import { AuthRateLimitService } from './auth-rate-limit.service';
import { AuthThrottleGuard } from './auth-throttle.guard';
import { AuthService } from './auth.service';
import { JwtStrategy } from './jwt.strategy';
import { LocalStrategy } from './local.strategy';
import { PasswordResetController } from './password-reset.controller';
import { PasswordResetRepository } from '@hireloop/core/users/password-reset.repository';
import { PasswordResetService } from '@hireloop/core/users/password-reset.service';
import { AccountSecurityService } from '@hireloop/core/users/account-security.service';
import { EmailChangeRepository } from '@hireloop/core/users/email-change.repository';
import { EmailChangeService } from '@hireloop/core/users/email-change.service';
import { EmailChangeController } from './email-change.controller';
import { SessionsRepository } from '@hireloop/core/users/sessions.repository';
import { SessionsService } from '@hireloop/core/users/sessions.service';

@Module({
  imports: [
    PassportModule,
    JwtModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => {
        assertApiSecret(config);
        return { secret: config.JWT_SECRET, signOptions: { expiresIn: config.JWT_EXPIRES_IN_SECONDS, algorithm: 'HS256' } };
      },
    }),
  ],
  controllers: [AuthController, PasswordResetController, AccountController, EmailChangeController],
  providers: [
    AuthService,
    JwtStrategy,
    LocalStrategy,
    AuthRateLimitService,
    AuthThrottleGuard,
    PasswordResetService,
    PasswordResetRepository,
    AccountSecurityService,
    EmailChangeService,
    EmailChangeRepository,
    SessionsService,
    SessionsRepository,
  ],
  exports: [AuthService],
})
export class AuthModule {}
