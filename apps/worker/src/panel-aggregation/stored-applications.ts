/**
 * An `aggregate-panels` job that fails after storing some of its applications' reports is retried whole; the retry
 * finds those reports current and stores nothing for them. The job's progress keeps the applications an earlier
 * attempt stored (`{ storedApplicationIds }`), so that the report-freshness figure still counts each of them once.
 */
export interface StoredApplicationsProgress {
  storedApplicationIds: string[];
}

/** The applications an earlier attempt recorded as stored; none for any other progress value. */
export function storedApplicationsOf(progress: unknown): string[] {
  const ids = (progress as Partial<StoredApplicationsProgress> | null)?.storedApplicationIds;
  return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [];
}

/** The progress to save: what earlier attempts recorded plus `stored`, each application once. */
export function withStoredApplications(progress: unknown, stored: readonly string[]): StoredApplicationsProgress {
  return { storedApplicationIds: [...new Set([...storedApplicationsOf(progress), ...stored])] };
}
