import { useEffect, useRef, useState } from 'react';
import { Link, NavLink, useLocation } from 'react-router-dom';
import { useApiQuery, useInvalidate } from '../api/queries';
import { apiClient, unwrap } from '../api/typed-client';
import type { AppNotification } from '../api/types';
import { Empty, Loading, ProblemBanner } from '../components/ProblemBanner';
import { formatDateTime } from '../lib/labels';
import { badgeText, notificationMessage } from '../lib/notifications';
import { usePageTitle } from '../lib/title';

const unreadKey = ['notifications', 'unread'] as const;

async function loadNotifications(query: { limit: number; unread?: boolean; cursor?: string }, signal: AbortSignal) {
  return unwrap(await apiClient.GET('/v1/notifications', { params: { query }, signal }));
}

/** Unread notifications, re-read every minute and on each navigation (so reading one updates the badge). */
function useUnreadCount() {
  const location = useLocation();
  const unread = useApiQuery(unreadKey, (signal) => loadNotifications({ unread: true, limit: 100 }, signal), { refetchInterval: 60000 });
  const reload = unread.reload;
  const seenPath = useRef(location.pathname);
  useEffect(() => {
    if (seenPath.current === location.pathname) return;
    seenPath.current = location.pathname;
    void reload();
  }, [location.pathname, reload]);
  return unread.data ? { count: unread.data.items.length, more: Boolean(unread.data.nextCursor) } : null;
}

/** The top bar's link to the inbox with the unread count as a badge (its name says "unread"; the badge shows the figure). */
export function InboxLink() {
  const unread = useUnreadCount();
  return (
    <NavLink to="/inbox" data-testid="inbox-link">
      Inbox
      {unread && unread.count > 0 ? (
        <>
          {' '}
          <span className="badge badge--count" data-testid="inbox-badge">
            {badgeText(unread.count, unread.more)}
          </span>
          <span className="sr-only"> unread</span>
        </>
      ) : null}
    </NavLink>
  );
}

const pageKey = (cursor: string | null) => ['notifications', 'list', cursor] as const;
const loadPage = (cursor: string | null) => (signal: AbortSignal) => loadNotifications({ limit: 25, cursor: cursor ?? undefined }, signal);

/** Feedback reminders, nudges and escalations addressed to the member, newest first, in words; older pages on demand. */
export function InboxPage() {
  usePageTitle('Inbox');
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  // The same keys as the pages below: answered from the shared cache, not asked twice.
  const first = useApiQuery(pageKey(null), loadPage(null));
  const last = useApiQuery(pageKey(cursors[cursors.length - 1]), loadPage(cursors[cursors.length - 1]));
  const older = last.data?.nextCursor;
  return (
    <section className="page">
      <h1>Inbox</h1>
      <ProblemBanner error={first.error} />
      {!first.data && !first.error ? <Loading /> : null}
      {first.data && first.data.items.length === 0 ? <Empty>Nothing here. Reminders about feedback you owe appear here.</Empty> : null}
      <ul className="cards" data-testid="inbox">
        {cursors.map((cursor) => (
          <NotificationItems key={cursor ?? 'newest'} cursor={cursor} />
        ))}
      </ul>
      {older ? (
        <button type="button" className="button" onClick={() => setCursors((list) => (list.includes(older) ? list : [...list, older]))}>
          Show older
        </button>
      ) : null}
    </section>
  );
}

/** One page of the inbox. Reading a notification refetches the inbox and the badge. */
function NotificationItems(props: { cursor: string | null }) {
  const invalidate = useInvalidate();
  const page = useApiQuery(pageKey(props.cursor), loadPage(props.cursor));
  const markRead = async (n: AppNotification) => {
    if (n.readAt) return;
    try {
      unwrap(await apiClient.POST('/v1/notifications/{id}/read', { params: { path: { id: n.id } } }));
      await invalidate(['notifications']);
    } catch {
      /* the link still leads to the scorecard */
    }
  };
  return (
    <>
      {(page.data?.items ?? []).map((n) => {
        const m = notificationMessage(n, formatDateTime);
        return (
          <li key={n.id} className={`card card--compact${n.readAt ? '' : ' card--unread'}`} data-testid="inbox-item" data-kind={n.kind}>
            <p>
              {n.readAt ? null : <span className="badge badge--new">New</span>}{' '}
              {n.payload.daysOverdue > 0 ? <span className="badge badge--overdue">Overdue</span> : null} {m.text}
            </p>
            <p className="small muted">{formatDateTime(n.createdAt)}</p>
            <Link className="button button--small" to={m.action.to} onClick={() => void markRead(n)}>
              {m.action.label}
            </Link>
            {n.readAt ? null : (
              <button type="button" className="button button--small button--ghost" onClick={() => void markRead(n)}>
                Mark read
              </button>
            )}
          </li>
        );
      })}
    </>
  );
}
