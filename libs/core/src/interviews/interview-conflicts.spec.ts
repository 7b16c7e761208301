import { AppError } from '../common/app-error';
import { assertNoDoubleBooking, BookingQueries, doubleBooked } from './interview-conflicts';
import type { OverlappingBookingRow } from './interviews.repository';

const row = (name: string, interviewerId = `m-${name}`, interviewId = 'i-1'): OverlappingBookingRow => ({
  interview_id: interviewId,
  interviewer_id: interviewerId,
  name,
  starts_at: new Date('2030-01-01T10:00:00Z'),
  ends_at: new Date('2030-01-01T11:00:00Z'),
});

function queries(rows: OverlappingBookingRow[]) {
  const calls: string[] = [];
  const fake: BookingQueries = {
    lockInterviewerBookings: async () => {
      calls.push('lock');
    },
    overlappingBookings: async () => {
      calls.push('overlapping');
      return rows;
    },
  };
  return { fake, calls };
}

const manager = {} as never;
const now = new Date('2030-01-01T00:00:00Z');
const booking = { interviewerIds: ['m-Ann'], startsAt: new Date('2030-01-01T10:30:00Z'), endsAt: new Date('2030-01-01T11:30:00Z') };

describe('assertNoDoubleBooking', () => {
  it('locks, then looks for clashes; none: passes', async () => {
    const { fake, calls } = queries([]);
    await expect(assertNoDoubleBooking(fake, manager, 'org', booking, now)).resolves.toBeUndefined();
    expect(calls).toEqual(['lock', 'overlapping']);
  });

  it.each([
    ['allowConflict', { ...booking, allowConflict: true }],
    ['a booking that has already ended', { ...booking, endsAt: now }],
  ])('%s: asks nothing', async (_, b) => {
    const { fake, calls } = queries([row('Ann')]);
    await expect(assertNoDoubleBooking(fake, manager, 'org', b, now)).resolves.toBeUndefined();
    expect(calls).toEqual([]);
  });

  it('a clash: 409 interviewer_double_booked with the conflicts', async () => {
    const { fake } = queries([row('Ann')]);
    const error = await assertNoDoubleBooking(fake, manager, 'org', booking, now).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({
      code: 'interviewer_double_booked',
      extensions: {
        conflicts: [
          {
            interviewId: 'i-1',
            interviewerId: 'm-Ann',
            interviewerName: 'Ann',
            startsAt: '2030-01-01T10:00:00.000Z',
            endsAt: '2030-01-01T11:00:00.000Z',
          },
        ],
      },
    });
  });
});

describe('doubleBooked names each interviewer once', () => {
  it.each([
    [[row('Ann')], 'Ann is already booked'],
    [[row('Ann', 'm-1', 'i-1'), row('Ann', 'm-1', 'i-2')], 'Ann is already booked'],
    [[row('Ann'), row('Bo')], 'Ann and Bo are already booked'],
    [[row('Ann'), row('Bo'), row('Cy')], 'Ann, Bo and Cy are already booked'],
  ])('%#', (rows, start) => {
    const error = doubleBooked(rows);
    expect(error.message.startsWith(start)).toBe(true);
    expect(error.extensions.conflicts as unknown[]).toHaveLength(rows.length);
  });
});
