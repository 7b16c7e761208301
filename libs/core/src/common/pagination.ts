import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { AppError } from './app-error';

/**
 * The one pagination convention of the API: `?limit=&cursor=` in, `{ items, nextCursor }` out.
 * Cursors are opaque (base64url of the last row's sort key); `nextCursor` is null on the last page.
 */
export class PageQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @ApiPropertyOptional({ description: "Opaque cursor from a previous page's nextCursor" })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  cursor?: string;
}

/**
 * A list that can also say how many rows match (`?withTotal=true` → `total` in the page), for "showing X of Y".
 * Opt-in: counting costs a second query.
 */
export class CountedPageQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Also return `total`, the number of rows matching the filters (all pages)' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'withTotal must be true or false' })
  withTotal?: boolean;
}

/** `%part%` for a case-insensitive LIKE on lower-cased text, with LIKE's wildcards in the search taken literally. */
export function likePattern(search: string): string {
  return `%${search.toLowerCase().replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export const DEFAULT_PAGE_SIZE = 20;

/** Keyset position: rows are ordered by (sortValue, id) descending or ascending. */
export interface CursorPosition {
  sortValue: string;
  id: string;
}

export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify([position.sortValue, position.id]), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string | undefined): CursorPosition | undefined {
  if (!cursor) return undefined;
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 2 && typeof parsed[0] === 'string' && typeof parsed[1] === 'string') {
      return { sortValue: parsed[0], id: parsed[1] };
    }
  } catch {
    // fall through
  }
  throw AppError.invalid('cursor', 'cursor is not a cursor this API issued.', 'invalid_cursor');
}

export function pageLimit(query: PageQueryDto): number {
  return query.limit ?? DEFAULT_PAGE_SIZE;
}

/**
 * Builds a page from `limit + 1` fetched rows: the extra row only tells whether another page exists.
 */
export function toPage<Row, Item>(rows: Row[], limit: number, position: (row: Row) => CursorPosition, map: (row: Row) => Item): Page<Item> {
  const hasMore = rows.length > limit;
  const pageRows = hasMore ? rows.slice(0, limit) : rows;
  const last = pageRows[pageRows.length - 1];
  return { items: pageRows.map(map), nextCursor: hasMore && last ? encodeCursor(position(last)) : null };
}

/** Adds `total` to a page when it was counted (`?withTotal=true`); leaves the page as it was otherwise. */
export function withTotal<P extends Page<unknown>>(page: P, total: number | undefined): P & { total?: number } {
  return total === undefined ? page : { ...page, total };
}
