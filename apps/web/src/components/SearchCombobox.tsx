import { KeyboardEvent, useEffect, useId, useState } from 'react';
import { useApiQuery } from '../api/queries';
import { apiClient, unwrap } from '../api/typed-client';
import type { Member } from '../api/types';
import { matchesText, nextActive } from '../lib/combobox';
import type { ControlProps } from './Field';

export interface ComboOption {
  id: string;
  name: string;
  /** A second line that tells namesakes apart (an email, a department). */
  detail?: string;
}

/** How many matches the list offers at once: type more of the name to narrow it. */
const MATCHES = 20;
const DEBOUNCE_MS = 250;

/**
 * A text box that searches the API as you type (debounced) and offers the matches in a listbox: the ARIA combobox
 * pattern (arrow keys move, Enter picks, Escape closes). Closed, it shows the chosen name. Put it inside a `Field`
 * and pass the field's control props, so the label, hint and errors belong to the text box.
 */
export function SearchCombobox(props: {
  control: ControlProps;
  /** Cache key of the search, e.g. ['members', 'hiring_manager']; the typed text is added. */
  queryKey: readonly unknown[];
  search: (q: string, signal: AbortSignal) => Promise<ComboOption[]>;
  /** The chosen option's name (empty when nothing is chosen). */
  selectedName: string;
  onSelect: (option: ComboOption) => void;
  /** Offered first when set: choosing it clears the choice (e.g. "No hiring manager yet"). */
  clearLabel?: string;
  onClear?: () => void;
  /** Empty the box after a choice (adding to a list rather than choosing one). */
  clearAfterSelect?: boolean;
  placeholder?: string;
  disabled?: boolean;
  name?: string;
  testId?: string;
}) {
  const listId = useId();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [typed, setTyped] = useState('');
  const [active, setActive] = useState(-1);
  const query = useDebounced(typed.trim(), DEBOUNCE_MS);

  // Closed, the box shows the choice (made here or elsewhere: the role loaded, the form reset).
  const closedText = props.clearAfterSelect ? '' : props.selectedName;

  const results = useApiQuery<ComboOption[]>(['combobox', ...props.queryKey, query], (signal) => props.search(query, signal), {
    enabled: open && !props.disabled,
    keepPrevious: true,
  });
  const clearOption: ComboOption | null = props.clearLabel ? { id: '', name: props.clearLabel } : null;
  const options = [...(clearOption ? [clearOption] : []), ...(results.data ?? [])];
  const optionId = (index: number) => `${listId}-option-${index}`;

  const start = () => {
    if (open) return;
    setText(closedText);
    setOpen(true);
  };
  const close = () => {
    setOpen(false);
    setActive(-1);
    setTyped('');
  };
  const choose = (option: ComboOption) => {
    if (option === clearOption) props.onClear?.();
    else props.onSelect(option);
    setOpen(false);
    setActive(-1);
    setTyped('');
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (!open) {
        start();
        return;
      }
      setActive((i) => nextActive(i, e.key === 'ArrowDown' ? 1 : -1, options.length));
    } else if (e.key === 'Enter') {
      // Enter picks the highlighted match; it never submits the form while the list is open.
      if (open) {
        e.preventDefault();
        const option = options[active];
        if (option) choose(option);
      }
    } else if (e.key === 'Escape') {
      if (open) {
        e.preventDefault();
        close();
      }
    }
  };

  const status = matchesText({
    searching: results.loading && !results.data,
    failed: Boolean(results.error),
    shown: results.data?.length ?? 0,
    query,
    max: MATCHES,
  });

  return (
    <div className="combobox" data-testid={props.testId}>
      <input
        {...props.control}
        type="text"
        role="combobox"
        name={props.name}
        autoComplete="off"
        aria-autocomplete="list"
        aria-expanded={open && options.length > 0}
        aria-controls={listId}
        aria-activedescendant={open && active >= 0 && options[active] ? optionId(active) : undefined}
        placeholder={props.placeholder ?? 'Type to search…'}
        disabled={props.disabled}
        value={open ? text : closedText}
        onChange={(e) => {
          setText(e.target.value);
          setTyped(e.target.value);
          setActive(-1);
          setOpen(true);
        }}
        onFocus={start}
        onClick={start}
        onBlur={close}
        onKeyDown={onKeyDown}
      />
      {open ? (
        <p className="muted small combobox-status" aria-live="polite">
          {status}
        </p>
      ) : null}
      <ul id={listId} role="listbox" aria-label="Matches" className="combobox-list" hidden={!open || options.length === 0}>
        {open
          ? options.map((option, index) => (
              // The text box handles the keys for the list (aria-activedescendant); a click is the mouse's way.
              // eslint-disable-next-line jsx-a11y/click-events-have-key-events
              <li
                key={option.id || 'none'}
                id={optionId(index)}
                role="option"
                aria-selected={index === active}
                className={`combobox-option${index === active ? ' combobox-option--active' : ''}`}
                // Keeps the focus (and so the list) in place until the click has chosen.
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => choose(option)}
              >
                <span>{option.name}</span>
                {option.detail ? <span className="muted small"> {option.detail}</span> : null}
              </li>
            ))
          : null}
      </ul>
    </div>
  );
}

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

/** Searches active members holding `role` by name or email (the API's `GET /v1/members?q=&role=&status=active`). */
export function searchMembers(role: Member['roles'][number]) {
  return async (q: string, signal: AbortSignal): Promise<ComboOption[]> => {
    const page = unwrap(
      await apiClient.GET('/v1/members', { params: { query: { role, status: 'active', q: q || undefined, limit: MATCHES } }, signal }),
    );
    return page.items.map((m) => ({ id: m.id, name: m.name, detail: m.email }));
  };
}

/** Searches the open roles by title, department, level or location (`GET /v1/roles?status=open&q=`). */
export async function searchOpenRoles(q: string, signal: AbortSignal): Promise<ComboOption[]> {
  const page = unwrap(await apiClient.GET('/v1/roles', { params: { query: { status: 'open', q: q || undefined, limit: MATCHES } }, signal }));
  return page.items.map((r) => ({ id: r.id, name: r.title, detail: [r.level, r.department].filter(Boolean).join(' · ') || undefined }));
}

/** The name of member `id` (for a choice made before this page: a role's hiring manager). */
export function useMemberName(id: string | null | undefined, enabled = true): string | undefined {
  const member = useApiQuery<Member>(
    ['members', id],
    async (signal) => unwrap(await apiClient.GET('/v1/members/{id}', { params: { path: { id: id! } }, signal })),
    { enabled: Boolean(id) && enabled },
  );
  return member.data?.name;
}

/** Chooses one active member holding `memberRole`, by typing part of their name or email. */
export function MemberPicker(props: {
  control: ControlProps;
  memberRole: Member['roles'][number];
  value: string;
  onChange: (id: string) => void;
  clearLabel?: string;
  disabled?: boolean;
  name?: string;
  testId?: string;
}) {
  const [picked, setPicked] = useState<ComboOption | null>(null);
  const known = picked && picked.id === props.value ? picked.name : undefined;
  const fetched = useMemberName(props.value && !known ? props.value : null);
  return (
    <SearchCombobox
      control={props.control}
      queryKey={['members', props.memberRole]}
      search={searchMembers(props.memberRole)}
      selectedName={props.value ? (known ?? fetched ?? '') : ''}
      onSelect={(option) => {
        setPicked(option);
        props.onChange(option.id);
      }}
      clearLabel={props.clearLabel}
      onClear={() => props.onChange('')}
      disabled={props.disabled}
      name={props.name}
      testId={props.testId}
      placeholder="Type part of a name or email…"
    />
  );
}
