// The API refuses interview start times in the past (422 start_in_past). A browser spec that needs an interview that
// already took place (a scorecard to submit, feedback overdue) schedules it in the future — over the API or through
// the page — and then moves it back with this helper, straight in the database the API under test uses
// (run-web-tests.sh exports its DATABASE_URL, the one ending in _web).
import pg from 'pg';

/**
 * Moves interview `interviewId` to `window` ({ startsAt, endsAt }: Date or ISO string). Returns the window as ISO strings.
 * @param {string} interviewId
 * @param {{ startsAt: Date | string, endsAt: Date | string }} window
 */
export async function backdateInterview(interviewId, window, databaseUrl = process.env.DATABASE_URL) {
  if (!databaseUrl) throw new Error('backdateInterview needs DATABASE_URL (the database of the API under test)');
  const startsAt = new Date(window.startsAt).toISOString();
  const endsAt = new Date(window.endsAt).toISOString();
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const result = await client.query('UPDATE interviews SET starts_at = $2, ends_at = $3 WHERE id = $1', [interviewId, startsAt, endsAt]);
    if (result.rowCount !== 1) throw new Error(`no interview ${interviewId} in ${new URL(databaseUrl).pathname.slice(1)}`);
  } finally {
    await client.end();
  }
  return { startsAt, endsAt };
}

/** A window of `minutes` that ended `hoursAgo` hours before now. */
export function pastWindow(hoursAgo, minutes = 60) {
  const endsAt = new Date(Date.now() - hoursAgo * 3600_000);
  return { startsAt: new Date(endsAt.getTime() - minutes * 60_000), endsAt };
}
