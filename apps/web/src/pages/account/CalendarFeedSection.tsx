import { useState } from 'react';
import { apiClient, unwrap } from '../../api/typed-client';
import { ProblemBanner } from '../../components/ProblemBanner';
import { useAction } from '../../lib/hooks';

/** The private iCalendar address of the signed-in person's interviews: created, replaced or revoked here. */
export function CalendarFeedSection() {
  const [feed, setFeed] = useState<{ url: string; createdAt: string } | null>(null);
  const [revoked, setRevoked] = useState(false);
  const create = useAction(async () => unwrap(await apiClient.POST('/v1/me/calendar-feed')));
  const revoke = useAction(async () => {
    const res = await apiClient.DELETE('/v1/me/calendar-feed');
    if (!res.response.ok) unwrap(res);
    return true;
  });
  return (
    <>
      <h2>Calendar feed</h2>
      <p className="muted">
        A private iCalendar address of your interviews for your calendar app. Anyone with the address can read it: creating a new one replaces the
        old.
      </p>
      <ProblemBanner error={create.error ?? revoke.error} title="Could not change the calendar feed" />
      {feed ? (
        <p>
          <label>
            Subscription URL <input readOnly name="calendarFeedUrl" value={feed.url} size={60} onFocus={(e) => e.target.select()} />
          </label>
        </p>
      ) : null}
      {revoked ? <p role="status">Your calendar feed is revoked; its address no longer works.</p> : null}
      <button
        type="button"
        className="button"
        disabled={create.pending}
        onClick={async () => {
          const res = await create.run();
          if (res) {
            setFeed(res);
            setRevoked(false);
          }
        }}
      >
        {feed ? 'Replace the feed address' : 'Create a feed address'}
      </button>{' '}
      <button
        type="button"
        className="button"
        disabled={revoke.pending}
        onClick={async () => {
          if (await revoke.run()) {
            setFeed(null);
            setRevoked(true);
          }
        }}
      >
        Revoke the feed
      </button>
    </>
  );
}
