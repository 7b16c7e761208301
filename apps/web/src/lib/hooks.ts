import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { ApiError } from './problem';

export interface Resource<T> {
  data: T | undefined;
  error: ApiError | null;
  loading: boolean;
  /** Loads again; keeps showing the current data meanwhile. */
  reload: () => Promise<T | undefined>;
  setData: (data: T) => void;
}

export type SaveState = 'idle' | 'pending' | 'saving' | 'saved' | 'error';

/**
 * Debounced autosave: calls `save(value)` `delayMs` after the last change of `fingerprint`, never two at once,
 * and once more on unmount or page hide when a change is still pending.
 */
export function useAutosave<T>(
  value: T,
  fingerprint: string,
  save: (value: T) => Promise<unknown>,
  options: { delayMs?: number; enabled?: boolean } = {},
) {
  const { delayMs = 1500, enabled = true } = options;
  const [state, setState] = useState<SaveState>('idle');
  const [savedAt, setSavedAt] = useState<Date | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const lastSaved = useRef<string>(fingerprint);
  const latest = useRef({ value, fingerprint, save });
  // The newest value and saver, for a flush that runs later (a timer, page hide, unmount).
  useLayoutEffect(() => {
    latest.current = { value, fingerprint, save };
  });
  const inFlight = useRef<Promise<void> | null>(null);

  const flush = useCallback(async (): Promise<void> => {
    if (inFlight.current) await inFlight.current;
    const { value: v, fingerprint: f, save: s } = latest.current;
    if (f === lastSaved.current) return;
    setState('saving');
    const p = (async () => {
      try {
        await s(v);
        lastSaved.current = f;
        setSavedAt(new Date());
        setError(null);
        setState(latest.current.fingerprint === f ? 'saved' : 'pending');
      } catch (e) {
        setError(e instanceof ApiError ? e : null);
        setState('error');
      }
    })();
    inFlight.current = p;
    await p;
    inFlight.current = null;
  }, []);

  useEffect(() => {
    if (!enabled || fingerprint === lastSaved.current) return;
    setState('pending');
    const timer = window.setTimeout(() => void flush(), delayMs);
    return () => window.clearTimeout(timer);
  }, [fingerprint, enabled, delayMs, flush]);

  useEffect(() => {
    if (!enabled) return;
    const onHide = () => {
      if (document.visibilityState === 'hidden') void flush();
    };
    document.addEventListener('visibilitychange', onHide);
    return () => {
      document.removeEventListener('visibilitychange', onHide);
      void flush();
    };
  }, [enabled, flush]);

  /** Marks the current value as saved (after loading it from the server, or after submitting). */
  const markSaved = useCallback((f: string) => {
    lastSaved.current = f;
    setState('idle');
  }, []);

  return { state, savedAt, error, flush, markSaved };
}

/** Runs an async action for a form: tracks pending state and keeps the ApiError for field messages. */
export function useAction<A extends unknown[], R>(action: (...args: A) => Promise<R>) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const ref = useRef(action);
  useLayoutEffect(() => {
    ref.current = action;
  });
  const run = useCallback(async (...args: A): Promise<R | undefined> => {
    setPending(true);
    setError(null);
    try {
      return await ref.current(...args);
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError({ status: 0, detail: String((e as Error)?.message ?? e) }));
      return undefined;
    } finally {
      setPending(false);
    }
  }, []);
  return { run, pending, error, setError };
}
