import { useEffect } from 'react';

/** The browser tab (and the screen reader's announcement of a new page) names the page: "Debrief · hireloop". */
export function usePageTitle(title: string | null | undefined): void {
  useEffect(() => {
    document.title = title ? `${title} · hireloop` : 'hireloop';
  }, [title]);
}
