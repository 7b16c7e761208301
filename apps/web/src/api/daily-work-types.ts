import type { components } from './schema';

type Schemas = components['schemas'];

/** A page of a list asked with `?withTotal=true`. */
export interface CountedPage<T> {
  items: T[];
  nextCursor: string | null;
  total?: number;
}

/** POST /interviews/:id/nudges. */
export type NudgeResult = Schemas['NudgeResponseDto'];
