import { Dispatch, SetStateAction, useState } from 'react';

/**
 * Readiness issues name a field path (`hiringManagerId`, `weightSum`, `dimensions.<id>`, `rounds.<id>.focusDimensionIds`).
 * The element showing that field carries `data-field="<path>"`; this moves focus there.
 */
export function focusField(field: string): void {
  const candidates = [field, field.split('.').slice(0, 2).join('.'), field.split('.')[0]];
  for (const f of candidates) {
    const el = document.querySelector<HTMLElement>(`[data-field="${CSS.escape(f)}"]`);
    if (!el) continue;
    if (el instanceof HTMLDetailsElement) el.open = true;
    el.scrollIntoView({ block: 'center', behavior: 'smooth' });
    const focusable = el.matches('input, select, textarea, button, summary, [tabindex]')
      ? el
      : el.querySelector<HTMLElement>('input, select, textarea, button, summary, [tabindex]');
    focusable?.focus({ preventScroll: true });
    return;
  }
}

export function linesToList(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l, i, all) => l !== '' && all.indexOf(l) === i);
}

/** The list with the item at `index` moved `delta` places (one up: -1); out of range: the list unchanged. */
export function moveItem<T>(list: readonly T[], index: number, delta: number): T[] {
  const to = index + delta;
  if (index < 0 || index >= list.length || to < 0 || to >= list.length) return [...list];
  const next = [...list];
  const [item] = next.splice(index, 1);
  next.splice(to, 0, item);
  return next;
}

export function listToLines(list: string[] | undefined): string {
  return (list ?? []).join('\n');
}

/**
 * A form's draft of data saved on the server: reset to `initial()` when `savedKey` changes (the saved copy changed),
 * kept on every other render. While `hold` is true (unsaved edits), a change on the server waits until it is false.
 * Adjusts state during render (React's "storing information from previous renders"), not in an effect.
 */
export function useDraft<T>(savedKey: string, initial: () => T, hold = false): [T, Dispatch<SetStateAction<T>>] {
  const [draft, setDraft] = useState(initial);
  const [syncedKey, setSyncedKey] = useState(savedKey);
  if (syncedKey !== savedKey && !hold) {
    setSyncedKey(savedKey);
    setDraft(initial());
  }
  return [draft, setDraft];
}
