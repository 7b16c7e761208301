import type { PanelRef } from '@hireloop/core/reports/panel-reports.service';

/** Splits a batch by organization, runs each part, and returns the outcomes in the batch's order. */
export async function aggregatePerOrganization<T>(refs: PanelRef[], run: (organizationId: string, refs: PanelRef[]) => Promise<T[]>): Promise<T[]> {
  const parts = new Map<string, number[]>();
  refs.forEach((ref, i) => parts.set(ref.organizationId, [...(parts.get(ref.organizationId) ?? []), i]));
  const outcomes: T[] = new Array(refs.length);
  for (const [organizationId, indexes] of parts) {
    const results = await run(
      organizationId,
      indexes.map((i) => refs[i]),
    );
    indexes.forEach((refIndex, k) => (outcomes[refIndex] = results[k]));
  }
  return outcomes;
}
