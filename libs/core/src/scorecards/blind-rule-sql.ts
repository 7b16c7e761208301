import type { PanelFacts } from './feedback-access';

/*
 * The blind rule (see `feedbackAccess` and `panelFactsOf`, the same rule over rows in memory) as SQL, for statements
 * that decide it together with what they read. Each fragment takes the SQL of the organization, the application
 * and the member (placeholders or column references).
 */

/** SQL: member `member` is assigned to a not-cancelled interview of application `application`. */
export const assignedToApplication = (organization: string, application: string, member: string) => `
  EXISTS (SELECT 1 FROM interviews i
           WHERE i.organization_id = ${organization} AND i.application_id = ${application} AND i.status <> 'cancelled' AND ${member}::uuid = ANY(i.interviewer_ids))`;

/**
 * SQL: member `member` has not yet submitted, with at least one rating, a scorecard for every not-cancelled interview
 * of application `application` (of organization `organization`) they are assigned to. (Also true of a member not
 * assigned at all: see `blindOnApplication`.) scorecard_ratings holds exactly the rated dimensions of submitted
 * scorecards, so "not assessed" everywhere unlocks nothing.
 */
export const ownFeedbackOutstanding = (organization: string, application: string, member: string) => `
  (NOT EXISTS (SELECT 1 FROM scorecard_ratings r WHERE r.organization_id = ${organization} AND r.application_id = ${application} AND r.interviewer_id = ${member})
   OR EXISTS (SELECT 1 FROM interviews j
               WHERE j.organization_id = ${organization} AND j.application_id = ${application} AND j.status <> 'cancelled' AND ${member}::uuid = ANY(j.interviewer_ids)
                 AND NOT EXISTS (SELECT 1 FROM scorecards s WHERE s.interview_id = j.id AND s.interviewer_id = ${member} AND s.status = 'submitted')))`;

/** SQL: the blind rule holds member `member` on application `application`: assigned to it and own feedback outstanding. */
export const blindOnApplication = (organization: string, application: string, member: string) =>
  `(${assignedToApplication(organization, application, member)} AND ${ownFeedbackOutstanding(organization, application, member)})`;

/**
 * The blind rule's facts about member $3 on application $2 of organization $1, as select-list columns (see
 * `takePanelFacts`).
 */
export const PANEL_FACTS_COLUMNS = `
  (EXISTS (SELECT 1 FROM interviews i WHERE i.organization_id = $1 AND i.application_id = $2 AND $3::uuid = ANY(i.interviewer_ids))
   OR EXISTS (SELECT 1 FROM scorecards s WHERE s.organization_id = $1 AND s.application_id = $2 AND s.interviewer_id = $3)) AS "onPanel",
  ${assignedToApplication('$1', '$2', '$3')} AS "assigned",
  NOT ${ownFeedbackOutstanding('$1', '$2', '$3')} AS "submittedOwn",
  EXISTS (SELECT 1 FROM panel_views pv WHERE pv.organization_id = $1 AND pv.application_id = $2 AND pv.member_id = $3) AS "viewedPanel"`;

/** The facts of a row holding `PANEL_FACTS_COLUMNS` (its other columns left out). */
export function takePanelFacts(row: PanelFacts & { viewedPanel: boolean }): PanelFacts & { viewedPanel: boolean } {
  return { onPanel: row.onPanel, assigned: row.assigned, submittedOwn: row.submittedOwn, viewedPanel: row.viewedPanel };
}
