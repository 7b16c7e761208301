import { useEffect, useState } from 'react';
import { Link, NavLink, useLocation } from 'react-router-dom';
import { get, post } from '../api/client';
import type { AppNotification, CountedPage } from '../api/daily-work-types';
import { Empty, Loading, ProblemBanner } from '../components/ProblemBanner';
import { useResource } from '../lib/hooks';
import { formatDateTime } from '../lib/labels';
import { badgeText, notificationMessage } from '../lib/notifications';

/** Unread notifications, re-read every minute and on each navigation (so reading one updates the badge). */
function useUnreadCount() {
  const location = useLocation();
  const unread = useResource((signal) => get<CountedPage<AppNotification>>('/notifications', { unread: true, limit: 100 }, signal), [location.pathname], 60000);
  return unread.data ? { count: unread.data.items.length, more: Boolean(unread.data.nextCursor) } : null;
}

/** The top bar's link to the inbox with the unread count as a badge. */
export function InboxLink() {
  const unread = useUnreadCount();
  const label = unread && unread.count > 0 ? `Inbox, ${badgeText(unread.count, unread.more)} unread` : 'Inbox';
  return (
    <NavLink to="/inbox" aria-label={label} data-testid="inbox-link">
      Inbox
      {unread && unread.count > 0 ? (
        <span className="badge badge--count" data-testid="inbox-badge" aria-hidden="true">
          {badgeText(unread.count, unread.more)}
        </span>
      ) : null}
    </NavLink>
  );
}

/** Feedback reminders, nudges and escalations addressed to the member, newest first, in words. */
export function InboxPage() {
  const [cursor, setCursor] = useState<string | undefined>(undefined);
  const [items, setItems] = useState<AppNotification[]>([]);
  const page = useResource((signal) => get<CountedPage<AppNotification>>('/notifications', { limit: 25, cursor }, signal), [cursor]);
  useEffect(() => {
    if (page.data) setItems((prev) => (cursor ? [...prev.filter((p) => !page.data!.items.some((n) => n.id === p.id)), ...page.data!.items] : page.data!.items));
  }, [page.data, cursor]);
  const markRead = async (n: AppNotification) => {
    if (n.readAt) return;
    try {
      const read = await post<AppNotification>(`/notifications/${n.id}/read`);
      setItems((prev) => prev.map((x) => (x.id === n.id ? read : x)));
    } catch {
      /* the link still leads to the scorecard */
    }
  };
  return (
    <section className="page">
      <h1>Inbox</h1>
      <ProblemBanner error={page.error} />
      {!page.data && !page.error ? <Loading /> : null}
      {page.data && items.length === 0 ? <Empty>Nothing here. Reminders about feedback you owe appear here.</Empty> : null}
      <ul className="cards" data-testid="inbox">
        {items.map((n) => {
          const m = notificationMessage(n, formatDateTime);
          return (
            <li key={n.id} className={`card card--compact${n.readAt ? '' : ' card--unread'}`} data-testid="inbox-item" data-kind={n.kind}>
              <p>
                {n.readAt ? null : <span className="badge badge--new">New</span>} {n.payload.daysOverdue > 0 ? <span className="badge badge--overdue">Overdue</span> : null} {m.text}
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
      </ul>
      {page.data?.nextCursor ? (
        <button type="button" className="button" onClick={() => setCursor(page.data!.nextCursor ?? undefined)}>
          Show older
        </button>
      ) : null}
    </section>
  );
}
