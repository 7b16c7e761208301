import { useCallback, useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useInvalidate } from '../api/queries';
import { apiClient, unwrap } from '../api/typed-client';
import type { RatingScale, Role } from '../api/types';
import { useAuth } from '../auth';
import { Loading, ProblemBanner } from '../components/ProblemBanner';
import { useAction } from '../lib/hooks';
import { humanize } from '../lib/labels';
import { ApiError } from '../lib/problem';
import { levelsOf } from '../lib/ratingScale';
import { usePageTitle } from '../lib/title';
import { DimensionsSection } from './role-builder/DimensionsSection';
import { RoleDetailsForm } from './role-builder/RoleDetailsForm';
import { RoleCandidates } from './role-builder/RoleCandidates';
import { ReadinessPanel } from './role-builder/ReadinessPanel';
import { useRole } from './role-builder/queries';
import { RoundsSection } from './role-builder/RoundsSection';

/**
 * The recruiter's loop builder: role details and hiring manager, weighted dimensions with rubric anchors, rounds
 * with the coverage grid, and opening the role. Why a role cannot open is shown next to the field at fault.
 */
export function RoleBuilderPage() {
  const { roleId = '' } = useParams();
  const navigate = useNavigate();
  const { hasRole } = useAuth();
  const canEdit = hasRole('admin', 'recruiter');
  const role = useRole(roleId);
  const invalidate = useInvalidate();
  usePageTitle(role.data ? `${role.data.title} · loop builder` : 'Loop builder');
  const [openError, setOpenError] = useState<ApiError | null>(null);
  const [openAttempted, setOpenAttempted] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  /** A scale picked but not saved yet: the dimensions then show its anchor fields, to be written before the switch. */
  const [pendingScale, setPendingScale] = useState<RatingScale | null>(null);

  /** Every change answers with the role after it (readiness, weight sum, loop version): show that. */
  const { setData } = role;
  const applyRole = useCallback(
    (next: Role) => {
      setData(next);
      setOpenError(null);
      // The roles list shows status and hiring manager: it refetches when shown again.
      void invalidate(['list', '/roles']);
    },
    [setData, invalidate],
  );

  const [opening, setOpening] = useState(false);
  const closeAction = useAction(async () => unwrap(await apiClient.POST('/v1/roles/{id}/close', { params: { path: { id: roleId } } })));
  const cloneAction = useAction(async () => unwrap(await apiClient.POST('/v1/roles/{id}/clone', { params: { path: { id: roleId } }, body: {} })));

  const data = role.data;
  /** Field messages: what the last open attempt said, then the live readiness errors once opening was tried. */
  const issues = useMemo(() => {
    const index: Record<string, string[]> = {};
    const add = (field: string, message: string) => {
      const list = (index[field] ??= []);
      if (!list.includes(message)) list.push(message);
    };
    if (openError) for (const [f, ms] of Object.entries(openError.fieldErrors)) ms.forEach((m) => add(f, m));
    if (openAttempted && data) for (const e of data.readiness.errors) add(e.field, e.message);
    return index;
  }, [openError, openAttempted, data]);
  const messagesFor = useCallback((field: string) => issues[field] ?? [], [issues]);

  if (!data) {
    return (
      <section className="page">
        <ProblemBanner error={role.error} />
        {role.error ? null : <Loading />}
      </section>
    );
  }

  const onOpen = async () => {
    setNotice(null);
    setOpenAttempted(true);
    setOpening(true);
    try {
      const res = unwrap(await apiClient.POST('/v1/roles/{id}/open', { params: { path: { id: roleId } } }));
      applyRole(res);
      const warnings = res.readiness?.warnings ?? [];
      setNotice(warnings.length ? `The role is open. Advice: ${warnings.map((w) => w.message).join(' ')}` : 'The role is open.');
    } catch (e) {
      // The role may have changed since it was loaded: refresh the readiness shown next to the fields as well.
      await role.reload();
      setOpenError(e instanceof ApiError ? e : new ApiError({ status: 0, detail: String(e) }));
    } finally {
      setOpening(false);
    }
  };
  const onClose = async () => {
    const res = await closeAction.run();
    if (res) {
      applyRole(res);
      setNotice('The role is closed.');
    }
  };
  const onClone = async () => {
    const res = await cloneAction.run();
    if (res) navigate(`/roles/${res.id}`);
  };

  const hmName = data.hiringManagerName;
  const editable = canEdit && data.status !== 'closed';

  return (
    <section className="page role-builder">
      <p className="breadcrumbs">
        <Link to="/roles">Roles</Link> ›
      </p>
      <header className="page-header">
        <div>
          <h1 data-testid="role-title">{data.title}</h1>
          <p className="muted">
            <span className={`status status--${data.status}`} data-testid="role-status">
              {humanize(data.status)}
            </span>
            {data.level ? ` · ${data.level}` : ''}
            {data.loopVersion ? ` · loop version ${data.loopVersion.number}` : ''}
            <span data-testid="role-hiring-manager">
              {hmName ? ` · hiring manager ${hmName}` : data.hiringManagerId ? '' : ' · no hiring manager yet'}
            </span>
          </p>
        </div>
        {canEdit ? (
          <div className="actions">
            {data.status !== 'open' ? (
              <button type="button" className="button button--primary" onClick={onOpen} disabled={opening} data-testid="open-role">
                {opening ? 'Opening…' : data.status === 'closed' ? 'Reopen role' : 'Open role'}
              </button>
            ) : (
              <button type="button" className="button" onClick={onClose} disabled={closeAction.pending}>
                Close role
              </button>
            )}
            <button type="button" className="button button--ghost" onClick={onClone} disabled={cloneAction.pending}>
              Clone
            </button>
          </div>
        ) : null}
      </header>

      {notice ? (
        <div className="notice" role="status" data-testid="role-notice">
          {notice}
        </div>
      ) : null}
      {openError ? (
        <ProblemBanner
          error={openError}
          title="The role cannot open yet"
          claimed={['hiringManagerId', 'weightSum', 'dimensions', 'rounds', ...data.dimensions.map((d) => `dimensions.${d.id}`)]}
        />
      ) : null}
      <ProblemBanner error={closeAction.error ?? cloneAction.error} />

      <ReadinessPanel role={data} />

      <div className="builder-grid">
        <div className="stack">
          <RoleDetailsForm
            role={data}
            editable={canEdit}
            onSaved={(next) => {
              setPendingScale(null);
              applyRole(next);
            }}
            onScaleChange={setPendingScale}
            messagesFor={messagesFor}
          />
        </div>
        <div className="stack">
          <DimensionsSection
            role={data}
            levels={levelsOf(pendingScale && pendingScale !== data.ratingScale ? { ratingScale: pendingScale } : data)}
            editable={editable}
            onChange={applyRole}
            messagesFor={messagesFor}
          />
          <RoundsSection role={data} editable={editable} onChange={applyRole} messagesFor={messagesFor} />
        </div>
      </div>
      {data.status !== 'draft' ? <RoleCandidates roleId={data.id} /> : null}
    </section>
  );
}
