import { Injectable } from '@nestjs/common';
import { AppError } from '../common/app-error';
import type { AuthContext } from '../common/auth-context';
import { PageQueryDto, pageLimit, toPage } from '../common/pagination';
import { InterviewsRepository } from '../interviews/interviews.repository';
import { FeedbackAccess, feedbackAccess } from './feedback-access';
import { ScorecardEntity } from './scorecard.entity';
import { ScorecardsRepository } from './scorecards.repository';
import { ScorecardPage, ScorecardView, ScorecardViews } from './scorecard-views';
import { notAssigned } from './scorecard-writes.service';

const BLIND_MESSAGES: Record<'feedback_blind' | 'not_on_panel', string> = {
  feedback_blind:
    "Feedback is blind: submit your own scorecard for this application (rating at least one dimension) before reading the panel's — this holds for every member on the panel, whatever their other roles.",
  not_on_panel: "Only the application's panel, its recruiters, admins and the role's hiring manager can read its feedback.",
};

/** Reading feedback under the blind rule (see `feedbackAccess`). */
@Injectable()
export class ScorecardReadsService {
  constructor(
    private readonly interviews: InterviewsRepository,
    private readonly scorecards: ScorecardsRepository,
    private readonly views: ScorecardViews,
  ) {}

  /** The application's feedback: every non-draft scorecard for full readers, the submitted ones (and one's own) for the panel. */
  async listForApplication(auth: AuthContext, applicationId: string, query: PageQueryDto): Promise<ScorecardPage> {
    const access = await this.access(auth, applicationId);
    const rows = await this.scorecards.pageForApplication(auth.organizationId, applicationId, query, {
      statuses: access.read === 'all' ? ['submitted', 'withdrawn'] : ['submitted'],
      ownerId: auth.memberId,
    });
    const views = await this.views.build(undefined, auth.organizationId, rows, {
      showPrivateNote: (row) => this.showNote(auth, access, row),
      withDimensionNames: true,
    });
    const pairs = rows.map((row, i) => ({ row, view: views[i] }));
    return toPage(
      pairs,
      pageLimit(query),
      (p) => this.scorecards.cursorOf(p.row),
      (p) => p.view,
    );
  }

  /** One scorecard with its full history. Drafts are visible to their author only. */
  async get(auth: AuthContext, scorecardId: string): Promise<ScorecardView> {
    const card = await this.scorecards.findById(auth.organizationId, scorecardId);
    if (!card) throw AppError.notFound('Scorecard', scorecardId);
    if (card.interviewerId !== auth.memberId) {
      const access = await this.access(auth, card.applicationId);
      const visible = card.status === 'submitted' || (card.status === 'withdrawn' && access.read === 'all');
      if (!visible) throw AppError.notFound('Scorecard', scorecardId);
      return this.one(auth, card, this.showNote(auth, access, card));
    }
    return this.one(auth, card, true);
  }

  /** The caller's own scorecard for an interview they are assigned to. */
  async own(auth: AuthContext, interviewId: string): Promise<ScorecardView> {
    const interview = await this.interviews.findById(auth.organizationId, interviewId);
    if (!interview) throw AppError.notFound('Interview', interviewId);
    if (!interview.interviewerIds.includes(auth.memberId)) throw notAssigned();
    const card = await this.scorecards.findForInterviewer(auth.organizationId, interviewId, auth.memberId);
    if (!card) throw AppError.notFound('Scorecard');
    return this.one(auth, card, true);
  }

  private async one(auth: AuthContext, card: ScorecardEntity, showNote: boolean): Promise<ScorecardView> {
    const [view] = await this.views.build(undefined, auth.organizationId, [card], { showPrivateNote: () => showNote, withRevisionContent: true });
    return view;
  }

  private async access(auth: AuthContext, applicationId: string): Promise<Exclude<FeedbackAccess, { read: 'none' }>> {
    const facts = await this.scorecards.feedbackReaderFacts(auth.organizationId, applicationId, auth.memberId);
    if (!facts) throw AppError.notFound('Application', applicationId);
    const access = feedbackAccess({ auth, ...facts });
    if (access.read === 'none') throw AppError.forbidden(access.code, BLIND_MESSAGES[access.code]);
    // A panel member is about to read the panel's feedback: amendments they make from now on are flagged (the first read counts).
    if (facts.onPanel && !facts.viewedPanel) await this.scorecards.recordPanelView(auth.organizationId, applicationId, auth.memberId);
    return access;
  }

  private showNote(auth: AuthContext, access: Exclude<FeedbackAccess, { read: 'none' }>, row: ScorecardEntity): boolean {
    return row.interviewerId === auth.memberId || access.privateNotes;
  }
}
