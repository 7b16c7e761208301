import { Module } from '@nestjs/common';
import { ApplicationsRepository } from '../candidates/applications.repository';
import { NotificationsRepository } from '../notifications/notifications.repository';
import { ScorecardsModule } from '../scorecards/scorecards.module';
import { ScorecardsRepository } from '../scorecards/scorecards.repository';
import { CompletedInterviewsRepository } from './completed-interviews.repository';
import { FeedbackNudgesService } from './feedback-nudges.service';
import { InterviewKitService } from './interview-kit.service';
import { InterviewMovesService } from './interview-moves.service';
import { InterviewsRepository } from './interviews.repository';
import { InterviewsService } from './interviews.service';

/** Scheduling, moving and cancelling interviews, an interviewer's lists and kit, feedback nudges. Needs CoreModule (audit, members, outbox). */
@Module({
  imports: [ScorecardsModule],
  providers: [
    InterviewsService,
    InterviewMovesService,
    InterviewKitService,
    FeedbackNudgesService,
    ApplicationsRepository,
    InterviewsRepository,
    CompletedInterviewsRepository,
    NotificationsRepository,
    ScorecardsRepository,
  ],
  exports: [InterviewsService, InterviewMovesService, InterviewKitService, FeedbackNudgesService],
})
export class InterviewsModule {}
