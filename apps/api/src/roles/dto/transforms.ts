import { Transform } from 'class-transformer';

/** Trims strings; other values pass through for the validators to reject. */
export const Trim = () => Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));

/** Trims strings and turns an empty one into null ("clear this field"). */
export const TrimToNull = () => Transform(({ value }) => (typeof value === 'string' ? value.trim() || null : value));

/** Trims each string of an array (drops nothing: empty entries are then rejected by @IsNotEmpty({ each: true })). */
export const TrimEach = () => Transform(({ value }) => (Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? v.trim() : v)) : value));

/** Trims and lower-cases each tag. */
export const NormalizeTags = () =>
  Transform(({ value }) => (Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? v.trim().toLowerCase() : v)) : value));
