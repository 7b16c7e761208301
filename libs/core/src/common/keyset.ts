import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { decodeCursor, PageQueryDto, pageLimit } from './pagination';

/**
 * Applies the API's pagination convention to a query: order by (sortColumn, id) and start after the cursor.
 * Fetches one row more than the limit; pass the rows to `toPage`.
 */
export function applyKeyset<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  query: PageQueryDto,
  options: { alias: string; sortColumn: string; direction?: 'ASC' | 'DESC' },
): SelectQueryBuilder<T> {
  const direction = options.direction ?? 'DESC';
  // Timestamps go into cursors as JavaScript dates (milliseconds), so compare at that precision.
  const column = `${options.alias}.${options.sortColumn}`;
  const sort = options.sortColumn.endsWith('_at') ? `date_trunc('milliseconds', ${column})` : column;
  const id = `${options.alias}.id`;
  const cursor = decodeCursor(query.cursor);
  if (cursor) {
    const op = direction === 'DESC' ? '<' : '>';
    const cast = options.sortColumn.endsWith('_at') ? '::timestamptz' : options.sortColumn === 'id' ? '' : '';
    qb.andWhere(`(${sort}, ${id}) ${op} (:cursorSort${cast}, :cursorId)`, { cursorSort: cursor.sortValue, cursorId: cursor.id });
  }
  return qb
    .orderBy(sort, direction)
    .addOrderBy(id, direction)
    .take(undefined)
    .limit(pageLimit(query) + 1);
}

/** Sort key of a timestamp column as it goes into a cursor (full precision, ISO). */
export function timestampKey(value: Date): string {
  return value.toISOString();
}
