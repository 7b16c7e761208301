/**
 * Amendments of a scorecard as the debrief shows them: what changed, and whether the author had already read the
 * panel's feedback when they amended (a change made after seeing co-panelists' ratings is not independent evidence).
 */

export interface RevisionForAmendments {
  revision: number;
  kind: 'submitted' | 'amended' | 'withdrawn' | string;
  createdAt: Date | string;
  reason: string | null;
  content: {
    ratings?: readonly { dimensionId: string; rating?: number | null; notAssessed?: boolean | null }[] | null;
    recommendation?: string | null;
  } | null;
}

export interface AmendmentChange {
  dimensionId: string;
  dimensionName: string;
  /** The rating before; null when the dimension was not assessed (or absent). */
  before: number | null;
  after: number | null;
}

export interface Amendment {
  revision: number;
  amendedAt: string;
  reason: string | null;
  /** The author had read the panel's feedback before this amendment. */
  afterViewingPanel: boolean;
  /** Dimensions whose rating changed, in the order of the amended scorecard. */
  changes: AmendmentChange[];
  recommendationBefore: string | null;
  recommendationAfter: string | null;
}

/**
 * Every `amended` revision compared with the revision before it. `firstViewedAt`: when the author first read the
 * panel's feedback of this application (null: never); an amendment at or after it is `afterViewingPanel`.
 */
export function amendmentsOf(
  revisions: readonly RevisionForAmendments[],
  firstViewedAt: Date | string | null,
  dimensionName: (dimensionId: string) => string,
): Amendment[] {
  const sorted = [...revisions].sort((a, b) => a.revision - b.revision);
  const viewedAt = firstViewedAt === null ? null : new Date(firstViewedAt).getTime();
  const out: Amendment[] = [];
  sorted.forEach((v, i) => {
    if (v.kind !== 'amended') return;
    const previous = i > 0 ? sorted[i - 1] : null;
    const before = ratingMap(previous?.content?.ratings);
    const after = ratingMap(v.content?.ratings);
    const ids = [...after.keys(), ...[...before.keys()].filter((id) => !after.has(id))];
    const changes = ids
      .filter((id) => (before.get(id) ?? null) !== (after.get(id) ?? null))
      .map((id) => ({ dimensionId: id, dimensionName: dimensionName(id), before: before.get(id) ?? null, after: after.get(id) ?? null }));
    const amendedAt = new Date(v.createdAt);
    out.push({
      revision: v.revision,
      amendedAt: amendedAt.toISOString(),
      reason: v.reason,
      afterViewingPanel: viewedAt !== null && viewedAt <= amendedAt.getTime(),
      changes,
      recommendationBefore: previous?.content?.recommendation ?? null,
      recommendationAfter: v.content?.recommendation ?? null,
    });
  });
  return out;
}

type RevisionRatings = NonNullable<RevisionForAmendments['content']>['ratings'];

function ratingMap(ratings: RevisionRatings): Map<string, number | null> {
  const map = new Map<string, number | null>();
  for (const r of ratings ?? []) map.set(r.dimensionId, r.notAssessed || r.rating === null || r.rating === undefined ? null : Number(r.rating));
  return map;
}
