import { useCallback, useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { get, listAll, post } from '../api/client';
import type { Member, RatingScale, Role } from '../api/types';
import { useAuth } from '../auth';
import { Loading, ProblemBanner } from '../components/ProblemBanner';
import { useAction, useResource } from '../lib/hooks';
import { humanize } from '../lib/labels';
import { ApiError } from '../lib/problem';
import { levelsOf } from '../lib/ratingScale';
import { DimensionsSection } from './role-builder/DimensionsSection';
import { RoleDetailsForm } from './role-builder/RoleDetailsForm';
import { RoleCandidates } from './role-builder/RoleCandidates';
import { RoundsSection } from './role-builder/RoundsSection';
import { focusField } from './role-builder/shared';

/**
 * The recruiter's loop builder: role details and hiring manager, weighted dimensions with rubric anchors, rounds
 * with the coverage grid, and opening the role. Why a role cannot open is shown next to the field at fault.
 */
export function RoleBuilderPage() {
  const { roleId = '' } = useParams();
  const navigate = useNavigate();
  const { hasRole } = useAuth();
  const canEdit = hasRole('admin', 'recruiter');
  const role = useResource((signal) => get<Role>(`/roles/${roleId}`, undefined, signal), [roleId]);
  const hiringManagers = useResource(() => (canEdit ? listAll<Member>('/members', { role: 'hiring_manager' }) : Promise.resolve([] as Member[])), [canEdit]);
  const [openError, setOpenError] = useState<ApiError | null>(null);
  const [openAttempted, setOpenAttempted] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  /** A scale picked but not saved yet: the dimensions then show its anchor fields, to be written before the switch. */
  const [pendingScale, setPendingScale] = useState<RatingScale | null>(null);

  /** Every change answers with the role after it (readiness, weight sum, loop version): show that. */
  const applyRole = useCallback(
    (next: Role) => {
      role.setData(next);
      setOpenError(null);
    },
    [role],
  );

  const [opening, setOpening] = useState(false);
  const closeAction = useAction(() => post<Role>(`/roles/${roleId}/close`));
  const cloneAction = useAction(() => post<Role>(`/roles/${roleId}/clone`, {}));

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
      const res = await post<Role>(`/roles/${roleId}/open`);
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

  const hm = hiringManagers.data?.find((m) => m.id === data.hiringManagerId);
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
            {hm ? ` · hiring manager ${hm.name}` : ''}
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
            hiringManagers={hiringManagers.data ?? []}
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

function ReadinessPanel(props: { role: Role }) {
  const { readiness, status } = props.role;
  if (status === 'open' && readiness.errors.length === 0 && readiness.warnings.length === 0) return null;
  return (
    <aside className={`readiness readiness--${readiness.canOpen ? 'ok' : 'blocked'}`} aria-labelledby="readiness-title" data-testid="readiness">
      <h2 id="readiness-title">{readiness.canOpen ? (status === 'open' ? 'Advice for this loop' : 'Ready to open') : `${readiness.errors.length} to fix before the role can open`}</h2>
      {readiness.errors.length > 0 ? (
        <ul className="readiness__list readiness__list--errors">
          {readiness.errors.map((e, i) => (
            <li key={i}>
              <button type="button" className="linklike" onClick={() => focusField(e.field)}>
                {e.message}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {readiness.warnings.length > 0 ? (
        <>
        {readiness.errors.length > 0 ? <h3 className="readiness__advice">Advice (does not block opening)</h3> : null}
        <ul className="readiness__list readiness__list--warnings">
          {readiness.warnings.map((e, i) => (
            <li key={i}>
              <button type="button" className="linklike" onClick={() => focusField(e.field)}>
                {e.message}
              </button>
            </li>
          ))}
        </ul>
        </>
      ) : null}
    </aside>
  );
}
