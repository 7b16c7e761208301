import { InitialSchema1763860000000 } from './1763860000000-InitialSchema';
import { HiringDomain1763860001000 } from './1763860001000-HiringDomain';
import { ReportsAndDecisions1763860004000 } from './1763860004000-ReportsAndDecisions';
import { CalibrationAndReminders1763860005000 } from './1763860005000-CalibrationAndReminders';
import { RaterEffects1764000100000 } from './1764000100000-RaterEffects';
import { DecisionIntegrity1764000200000 } from './1764000200000-DecisionIntegrity';
import { MemberInvitedName1764000300000 } from './1764000300000-MemberInvitedName';
import { SignupVerification1764000301000 } from './1764000301000-SignupVerification';
import { OutboxTraceContext1764000500000 } from './1764000500000-OutboxTraceContext';
import { EmailDeliveries1764000600000 } from './1764000600000-EmailDeliveries';
import { CandidateKeys1764000900000 } from './1764000900000-CandidateKeys';
import { RowLevelSecurity1764000950000 } from './1764000950000-RowLevelSecurity';
import { RowLevelSecurityAccountPaths1764000960000 } from './1764000960000-RowLevelSecurityAccountPaths';
import { RevokedAccessTokens1765000100000 } from './1765000100000-RevokedAccessTokens';
import { DropDevMailboxTable1765000110000 } from './1765000110000-DropDevMailboxTable';
import { SingleSignOn1765000200000 } from './1765000200000-SingleSignOn';
import { EmailPreferences1765000210000 } from './1765000210000-EmailPreferences';
import { Outcomes1765000300000 } from './1765000300000-Outcomes';
import { OutcomeImports1765000310000 } from './1765000310000-OutcomeImports';
import { SelfIdentification1765000400000 } from './1765000400000-SelfIdentification';
import { FeedbackNudges1765000700000 } from './1765000700000-FeedbackNudges';
import { ValidityReports1766000100000 } from './1766000100000-ValidityReports';
import { RevokedInvites1766000200000 } from './1766000200000-RevokedInvites';
import { MyCompletedInterviewsIndex1767000200000 } from './1767000200000-MyCompletedInterviewsIndex';
import { InterviewInterviewers1768000300000 } from './1768000300000-InterviewInterviewers';
import { Lz4Compression1769000100000 } from './1769000100000-Lz4Compression';
import { DropInterviewersGinIndex1769000200000 } from './1769000200000-DropInterviewersGinIndex';
import { UnsentEmailDeliveriesIndex1769000300000 } from './1769000300000-UnsentEmailDeliveriesIndex';
import { MembershipChangeNotifications1769000400000 } from './1769000400000-MembershipChangeNotifications';
import { SignupBrowserBinding1769000500000 } from './1769000500000-SignupBrowserBinding';
import { SessionsValidAfter1769000600000 } from './1769000600000-SessionsValidAfter';
import { MemberSessionsValidAfter1769000700000 } from './1769000700000-MemberSessionsValidAfter';
import { EmailChangeTokens1769000800000 } from './1769000800000-EmailChangeTokens';
import { Sessions1769000900000 } from './1769000900000-Sessions';
import { SessionLastUsed1769001000000 } from './1769001000000-SessionLastUsed';
import { ServiceRoleTimeouts1769001100000 } from './1769001100000-ServiceRoleTimeouts';
import { NotificationDueAt1769001200000 } from './1769001200000-NotificationDueAt';
import { InterviewInterviewersBackfill1769001300000 } from './1769001300000-InterviewInterviewersBackfill';

/** Every migration, in order. Add new ones at the end. */
export const ALL_MIGRATIONS = [
  InitialSchema1763860000000,
  HiringDomain1763860001000,
  ReportsAndDecisions1763860004000,
  CalibrationAndReminders1763860005000,
  RaterEffects1764000100000,
  DecisionIntegrity1764000200000,
  MemberInvitedName1764000300000,
  SignupVerification1764000301000,
  OutboxTraceContext1764000500000,
  EmailDeliveries1764000600000,
  CandidateKeys1764000900000,
  RowLevelSecurity1764000950000,
  RowLevelSecurityAccountPaths1764000960000,
  RevokedAccessTokens1765000100000,
  DropDevMailboxTable1765000110000,
  SingleSignOn1765000200000,
  EmailPreferences1765000210000,
  Outcomes1765000300000,
  OutcomeImports1765000310000,
  SelfIdentification1765000400000,
  FeedbackNudges1765000700000,
  ValidityReports1766000100000,
  RevokedInvites1766000200000,
  MyCompletedInterviewsIndex1767000200000,
  InterviewInterviewers1768000300000,
  Lz4Compression1769000100000,
  DropInterviewersGinIndex1769000200000,
  UnsentEmailDeliveriesIndex1769000300000,
  MembershipChangeNotifications1769000400000,
  SignupBrowserBinding1769000500000,
  SessionsValidAfter1769000600000,
  MemberSessionsValidAfter1769000700000,
  EmailChangeTokens1769000800000,
  Sessions1769000900000,
  SessionLastUsed1769001000000,
  ServiceRoleTimeouts1769001100000,
  NotificationDueAt1769001200000,
  InterviewInterviewersBackfill1769001300000,
];
