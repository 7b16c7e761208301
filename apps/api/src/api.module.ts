import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { AppConfigModule } from '@hireloop/config';
import { ALL_ENTITIES, CoreModule, ScorecardsRepository } from '@hireloop/core';
import { DatabaseModule } from '@hireloop/database';
import { JsonLoggingModule } from '@hireloop/core/observability/logging.module';
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
import { CalendarFeedsModule } from './calendar-feeds/calendar-feeds.module';
import { DevMailboxModule } from './dev-mailbox/dev-mailbox.module';
import { SsoModule } from './sso/sso.module';
import { EmailPreferencesModule } from './email-preferences/email-preferences.module';
import { EmailDeliveriesModule } from './email-deliveries/email-deliveries.module';
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
import { SelfIdentificationModule } from './self-identification/self-identification.module';
import { FairnessModule } from './fairness/fairness.module';
import { OutcomesModule } from './outcomes/outcomes.module';
import { QualityOfHireModule } from './quality-of-hire/quality-of-hire.module';

@Module({
  imports: [
    AppConfigModule,
    JsonLoggingModule.forProcess('api'),
    DatabaseModule.forRoot({ entities: ALL_ENTITIES, genericPlans: true }),
    CoreModule,
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
    EmailDeliveriesModule,
    CalendarFeedsModule,
    DevMailboxModule,
    SelfIdentificationModule,
    FairnessModule,
    OutcomesModule,
    QualityOfHireModule,
    SsoModule,
    EmailPreferencesModule,
  ],
  controllers: [AuditController],
  providers: [
    { provide: APP_GUARD, useClass: JwtAuthGuard },
    { provide: APP_GUARD, useClass: RolesGuard },
    { provide: APP_FILTER, useClass: ProblemDetailsFilter },
    // The audit log withholds scorecard entries of panels the reader is blind on.
    ScorecardsRepository,
  ],
})
export class ApiModule {}
