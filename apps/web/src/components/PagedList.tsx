import { FormEvent, ReactNode, useState } from 'react';
import { get, RequestOptions } from '../api/client';
import type { CountedPage } from '../api/daily-work-types';
import { useApiQuery } from '../api/queries';
import type { Resource } from '../lib/hooks';
import { firstPage, nextPage, PageCursors, previousPage, showingText } from '../lib/paging';
import { ProblemBanner } from './ProblemBanner';

export interface PagedList<T> {
  resource: Resource<CountedPage<T>>;
  search: string;
  setSearch: (q: string) => void;
  /** The toolbar: search box, "showing X of Y", previous/next. */
  controls: ReactNode;
  reload: () => void;
}

/**
 * A server-side list: `?q=` search, `?withTotal=true` counts and cursor pages (with a way back). Filters in
 * `query` restart from the first page when they change.
 */
export function usePagedList<T>(
  path: string,
  options: { query?: RequestOptions['query']; noun: string; label: string; pageSize?: number; testId: string; intervalMs?: number | null },
): PagedList<T> {
  const pageSize = options.pageSize ?? 25;
  const [search, setSearch] = useState('');
  const filterKey = JSON.stringify(options.query ?? {});
  // The pages seen belong to one filter and search: another starts again from the first page.
  const resetKey = `${filterKey}\u0000${search}`;
  const [paging, setPaging] = useState<{ key: string; pages: PageCursors }>(() => ({ key: resetKey, pages: firstPage() }));
  const pages = paging.key === resetKey ? paging.pages : firstPage();
  const setPages = (next: PageCursors) => setPaging({ key: resetKey, pages: next });
  const cursor = pages.cursors[pages.index];
  const resource = useApiQuery<CountedPage<T>>(
    ['list', path, filterKey, search, pageSize, cursor ?? null],
    (signal) => get<CountedPage<T>>(path, { ...(options.query ?? {}), q: search || undefined, limit: pageSize, withTotal: true, cursor }, signal),
    { refetchInterval: options.intervalMs ?? null, keepPrevious: true },
  );
  const data = resource.data;
  const controls = (
    <div className="list-controls" data-testid={`${options.testId}-controls`}>
      <SearchBox label={options.label} initial={search} onSearch={setSearch} testId={options.testId} />
      <p className="muted small" aria-live="polite" data-testid={`${options.testId}-showing`}>
        {data ? showingText(pages.index, pageSize, data.items.length, data.total, options.noun) : ' '}
      </p>
      <div className="pager">
        <button type="button" className="button button--small" disabled={pages.index === 0} onClick={() => setPages(previousPage(pages))}>
          Previous
        </button>
        <button
          type="button"
          className="button button--small"
          disabled={!data?.nextCursor}
          onClick={() => setPages(nextPage(pages, data?.nextCursor))}
        >
          Next
        </button>
      </div>
      <ProblemBanner error={resource.error} />
    </div>
  );
  return { resource, search, setSearch, controls, reload: () => void resource.reload() };
}

/** A search field that searches on submit (Enter or the button), so each keystroke is not a request. */
export function SearchBox(props: { label: string; initial?: string; onSearch: (q: string) => void; testId: string }) {
  const [value, setValue] = useState(props.initial ?? '');
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    props.onSearch(value.trim());
  };
  return (
    <form role="search" className="search" onSubmit={onSubmit} aria-label={props.label}>
      <label>
        <span className="sr-only">{props.label}</span>
        <input
          type="search"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          placeholder={props.label}
          data-testid={`${props.testId}-search`}
        />
      </label>
      <button type="submit" className="button button--small">
        Search
      </button>
    </form>
  );
}
