import { AuditLogEntity } from './audit/audit-log.entity';
import { ApplicationEntity } from './candidates/application.entity';
import { CandidateEntity } from './candidates/candidate.entity';
import { IdempotencyKeyEntity } from './common/idempotency-key.entity';
import { InterviewEntity } from './interviews/interview.entity';
import { MemberEntity } from './members/member.entity';
import { OrganizationEntity } from './organizations/organization.entity';
import { OutboxMessageEntity } from './outbox/outbox-message.entity';
import { DimensionEntity } from './roles/dimension.entity';
import { LoopVersionEntity } from './roles/loop-version.entity';
import { QuestionEntity } from './roles/question.entity';
import { RoleEntity } from './roles/role.entity';
import { RoundEntity } from './roles/round.entity';
import { ScorecardRatingRowEntity } from './scorecards/scorecard-rating-row.entity';
import { ScorecardRevisionEntity } from './scorecards/scorecard-revision.entity';
import { ScorecardEntity } from './scorecards/scorecard.entity';
import { UserEntity } from './users/user.entity';
import { CalibrationReportEntity } from './reports/calibration-report.entity';
import { DecisionEntity } from './decisions/decision.entity';
import { NotificationEntity } from './notifications/notification.entity';
import { WebhookDeliveryEntity } from './notifications/webhook-delivery.entity';
import { RoleReliabilityEntity } from './calibration-stats/role-reliability.entity';
import { OutcomeEntity, OutcomeSettingsEntity } from './outcomes/outcome.entity';
import { ValidityReportEntity } from './quality-of-hire/validity-report.entity';

/** Every TypeORM entity of the service. Add new ones here; the DataSource and the tests read this list. */
export const ALL_ENTITIES = [
  OrganizationEntity,
  UserEntity,
  MemberEntity,
  AuditLogEntity,
  OutboxMessageEntity,
  IdempotencyKeyEntity,
  RoleEntity,
  LoopVersionEntity,
  DimensionEntity,
  RoundEntity,
  QuestionEntity,
  CandidateEntity,
  ApplicationEntity,
  InterviewEntity,
  ScorecardEntity,
  ScorecardRevisionEntity,
  ScorecardRatingRowEntity,
  CalibrationReportEntity,
  DecisionEntity,
  NotificationEntity,
  WebhookDeliveryEntity,
  RoleReliabilityEntity,
  OutcomeEntity,
  OutcomeSettingsEntity,
  ValidityReportEntity,
];
