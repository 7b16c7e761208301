import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { AppConfig, AppConfigModule } from '@hireloop/config';
import { CoreModule } from '@hireloop/core';
import { DatabaseModule } from '@hireloop/database';
import { LoggingModule } from './common/logging.module';
import { AuditController } from './audit/audit.controller';
import { ApplicationsModule } from './applications/applications.module';
import { CandidatesModule } from './candidates/candidates.module';
import { InterviewsModule } from './interviews/interviews.module';
import { ScorecardsModule } from './scorecards/scorecards.module';
import { AdminQueuesModule } from './admin-queues/admin-queues.module';
import { CalibrationModule } from './calibration/calibration.module';
import { NotificationsModule } from './notifications/notifications.module';
import { AuthModule } from './auth/auth.module';
import { DebriefsModule } from './debriefs/debriefs.module';
import { JwtAuthGuard } from './common/jwt-auth.guard';
import { ProblemDetailsFilter } from './common/problem-details.filter';
import { RolesGuard } from './common/roles.guard';
import { MetricsModule } from './metrics/metrics.module';
import { HealthModule } from './health/health.module';
import { MembersModule } from './members/members.module';
import { OrganizationsModule } from './organizations/organizations.module';
import { QuestionsModule } from './questions/questions.module';
import { RoleTemplatesModule } from './role-templates/role-templates.module';
import { RolesModule } from './roles/roles.module';

@Module({
  imports: [
    AppConfigModule,
    LoggingModule,
    DatabaseModule,
    CoreModule,
    ThrottlerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => [{ name: 'login', ttl: config.LOGIN_THROTTLE_TTL_MS, limit: config.LOGIN_THROTTLE_LIMIT }],
    }),
    HealthModule,
    MetricsModule,
    AuthModule,
    MembersModule,
    OrganizationsModule,
    CalibrationModule,
    NotificationsModule,
    AdminQueuesModule,
    RolesModule,
    QuestionsModule,
    RoleTemplatesModule,
    DebriefsModule,
    CandidatesModule,
    ApplicationsModule,
    InterviewsModule,
    ScorecardsModule,
  ],
  controllers: [AuditController],
  providers: [
    { provide: APP_GUARD, useClass: JwtAuthGuard },
    { provide: APP_GUARD, useClass: RolesGuard },
    { provide: APP_FILTER, useClass: ProblemDetailsFilter },
  ],
})
export class ApiModule {}
