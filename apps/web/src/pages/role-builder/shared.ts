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
    const focusable = el.matches('input, select, textarea, button, summary, [tabindex]') ? el : el.querySelector<HTMLElement>('input, select, textarea, button, summary, [tabindex]');
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

export function listToLines(list: string[] | undefined): string {
  return (list ?? []).join('\n');
}
