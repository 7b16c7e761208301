import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { get, post } from '../../api/client';
import type { ValidityReport, ValidityReportQueued } from '../../api/quality-of-hire-types';
import { useApiQuery, useInvalidate } from '../../api/queries';
import type { ApiError } from '../../lib/problem';
import { isPending } from '../../lib/validity';

const POLL_MS = 2000;

const latestKey = (roleId: string | null) => ['quality-of-hire', 'latest', roleId ?? 'organization'] as const;
const reportKey = (id: string | null) => ['quality-of-hire', 'report', id] as const;

/**
 * A role's (or, with roleId null, the organization's) validity report: the latest one, and once "Compute now" was
 * pressed (or when the latest is still being computed) that computation, polled by its id until the worker is done.
 * `missing`: none was ever computed (404 validity_report_not_found), which is not an error to show.
 */
export function useValidityReport(roleId: string | null) {
  const client = useQueryClient();
  const invalidate = useInvalidate();
  const [queuedId, setQueuedId] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [computeError, setComputeError] = useState<ApiError | null>(null);
  const latest = useApiQuery<ValidityReport>(latestKey(roleId), (signal) =>
    get<ValidityReport>('/quality-of-hire/reports/latest', roleId ? { roleId } : undefined, signal),
  );
  const followedId = queuedId ?? (latest.data && isPending(latest.data.status) ? latest.data.id : null);
  const cached = followedId ? client.getQueryData<ValidityReport>(reportKey(followedId)) : undefined;
  const polling = followedId !== null && (!cached || isPending(cached.status));
  const followed = useApiQuery<ValidityReport>(
    reportKey(followedId),
    (signal) => get<ValidityReport>(`/quality-of-hire/reports/${followedId}`, undefined, signal),
    {
      enabled: followedId !== null,
      refetchInterval: polling ? POLL_MS : false,
    },
  );
  const job = followedId !== null ? followed.data : undefined;

  // Once the computation is over, the latest report is the new one.
  const jobOver = job !== undefined && !isPending(job.status);
  useEffect(() => {
    if (jobOver) void invalidate(latestKey(roleId));
  }, [jobOver, roleId, invalidate]);

  const compute = async () => {
    setBusy(true);
    setComputeError(null);
    try {
      const answer = await post<ValidityReportQueued>('/quality-of-hire/reports', roleId ? { roleId } : {});
      setQueuedId(answer.id);
    } catch (e) {
      setComputeError(e as ApiError);
    } finally {
      setBusy(false);
    }
  };

  const missing = latest.error?.code === 'validity_report_not_found';
  const jobDone = job?.status === 'done' ? job : undefined;
  return {
    // The finished job's figures as soon as it is done; the last finished report while a new one is computed.
    report: jobDone ?? (latest.data?.status === 'done' ? latest.data : undefined),
    job: job ?? null,
    computing: busy || polling,
    missing: missing && !jobDone,
    loading: !latest.data && !latest.error,
    error: (missing ? null : latest.error) ?? followed.error ?? null,
    computeError,
    compute,
  };
}
