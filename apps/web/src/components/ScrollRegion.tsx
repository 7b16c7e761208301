import type { ReactNode } from 'react';

/**
 * A wide table's own horizontal scroll box (the page never scrolls sideways at 390 px): a named region that takes
 * focus, so that keyboard users can scroll it too.
 */
export function ScrollRegion(props: { label: string; children: ReactNode }) {
  return (
    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a scrollable region must be reachable by keyboard (WCAG 2.1.1)
    <div className="table-scroll" role="region" aria-label={props.label} tabIndex={0}>
      {props.children}
    </div>
  );
}
