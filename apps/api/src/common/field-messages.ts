import { FieldError } from '@hireloop/core';

/**
 * Field-level messages in the words of the person filling in the form. class-validator's defaults ("roundId must be a
 * UUID", "name must be shorter than or equal to 200 characters") and a few domain messages name fields as code does;
 * the problem+json filter passes every `errors[]` entry through `inWords`, which leaves `field` and `code` (what
 * clients branch on) alone and rewrites a developer's message as "<Label>: <what to do>". Messages already written
 * for people (they do not start with the field's name) are kept as they are.
 */

/** Labels of fields whose name does not turn into good words by itself. */
const LABELS: Record<string, string> = {
  webhookUrl: 'Webhook address',
  webhookSecret: 'Webhook secret',
  roundId: 'Round',
  roleId: 'Role',
  candidateId: 'Candidate',
  dimensionId: 'Dimension',
  dimensionIds: 'Dimensions',
  focusDimensionIds: 'Focus dimensions',
  interviewerIds: 'Interviewers',
  interviewerId: 'Interviewer',
  hiringManagerId: 'Hiring manager',
  organizationId: 'Organization',
  questionIds: 'Questions',
  startsAt: 'Start time',
  endsAt: 'End time',
  notAssessed: 'Not assessed',
  notAssessedReason: 'Why not assessed',
  levelAssessment: 'Level assessment',
  privateNote: 'Private note',
  redFlags: 'Red flags',
  overrideReason: 'Reason for overriding',
  staleReason: 'Reason for deciding on a stale report',
  acknowledgeStale: 'Decide on a stale report',
  allowConflict: 'Schedule anyway',
  durationMinutes: 'Duration (minutes)',
  expiresInDays: 'Expires in (days)',
  minCoverage: 'Minimum coverage',
  minInterviewers: 'Minimum interviewers',
  pointsOfAssessment: 'Points of assessment',
  followUps: 'Follow-up questions',
  templateKey: 'Template',
  ratingScale: 'Rating scale',
  reviewPoint: 'Review point',
  departureType: 'Departure type',
  everyDimensionMeets: 'Every dimension meets',
  adjustForLeniency: 'Adjust for leniency',
  hirePolicy: 'Hire policy',
  sendEmail: 'Send an email',
  q: 'Search',
  body: 'Request',
};

/** What to say, by field (the last named segment of the path) and code, where the generic wording would be vague. */
const CHOICES: Record<string, string> = {
  roundId: "choose one of the role's rounds",
  dimensionId: "choose one of the role's dimensions",
  focusDimensionIds: "choose among the role's dimensions",
  questionIds: 'choose questions of the question bank',
  roleId: 'choose one of the roles',
  candidateId: 'choose one of the candidates',
  interviewerIds: 'choose interviewers among the members',
  hiringManagerId: 'choose a member as hiring manager',
  recommendation: 'choose strong no hire, no hire, hire or strong hire',
};
const CHOICE_CODES = new Set([
  'isUuid',
  'isIn',
  'unknown_round',
  'unknown_dimension',
  'unknown_question',
  'invalid_recommendation',
  'isNotEmpty',
  'isDefined',
]);
/** class-validator's own codes: their messages are about the value's form, never written for a person. */
const CONSTRAINT_CODES = new Set(['isUuid', 'isIn', 'isNotEmpty', 'isDefined']);
const STARTS_WITH_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-/i;

/** class-validator's default (and our older) predicates, after the field's name, in words. `$1` is the first number. */
const PREDICATES: [RegExp, string | ((m: RegExpMatchArray) => string)][] = [
  [/^must be a UUID$/i, 'choose one from the list'],
  [/^must be one of:? (.+)$/i, (m) => `choose ${orList(m[1].split(/,\s*/))}`],
  [/^must be an ISO 8601 date(-time)?( string)?$/i, 'enter a date and time'],
  [/^must be a valid ISO 8601 date string$/i, 'enter a date and time'],
  [/^must be shorter than or equal to (\d+) characters?$/i, 'use at most $1 characters'],
  [/^must be longer than or equal to (\d+) characters?$/i, 'use at least $1 characters'],
  [/^must be at least (\d+) characters?( long)?$/i, 'use at least $1 characters'],
  [/^must not be less than (-?[\d.]+)$/i, 'enter $1 or more'],
  [/^must not be greater than (-?[\d.]+)$/i, 'enter $1 or less'],
  [/^must be greater than (-?[\d.]+)$/i, 'enter more than $1'],
  [/^must be an integer number$/i, 'enter a whole number'],
  [/^must be a number conforming to the specified constraints$/i, 'enter a number'],
  [/^must be a string$/i, 'enter text'],
  [/^must be a boolean value$/i, 'choose yes or no'],
  [/^must be true or false$/i, 'choose yes or no'],
  [/^must be an array$/i, 'give a list'],
  [/^must be an email$/i, 'enter an email address'],
  [/^must be a URL address$/i, 'enter a web address (https://…)'],
  [/^should not be empty$/i, 'fill this in'],
  [/^is required$/i, 'fill this in'],
  [/^should not be null or undefined$/i, 'fill this in'],
  [/^must contain at least (\d+) elements?$/i, 'choose at least $1'],
  [/^must contain no more than (\d+) elements?$/i, 'choose at most $1'],
  [/^needs at least one (.+)$/i, 'choose at least one $1'],
  [/^must not repeat an? (.+)$/i, 'choose each $1 once'],
  [/^(?:all|each) .*elements must be unique$/i, 'choose each once'],
  [/^is not a known field$/i, 'is not a field of this form; leave it out'],
  [/^must be well-formed Unicode text$/i, 'contains a broken character; type it again'],
  [/^must be an object$/i, 'give an object'],
  [/^must be a number string$/i, 'enter a number'],
];

/** "a, b or c" from ["a", "b", "c"], with snake_case values in words. */
function orList(values: string[]): string {
  const words = values.map((v) => v.trim().replace(/_/g, ' ')).filter((v) => v !== '');
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}

/** The label of a field path: `ratings.0.evidence` → "Evidence (ratings, item 1)"; `roundId` → "Round". */
export function fieldLabel(field: string): string {
  const parts = field.split('.');
  const named = [...parts].reverse().find((p) => !/^\d+$/.test(p)) ?? field;
  const label = LABELS[named] ?? humanize(named);
  const index = parts.findIndex((p) => /^\d+$/.test(p));
  const position = parts.lastIndexOf(named);
  const parent = position > 0 ? parts[position - 1] : undefined;
  // A field of a nested object ("hirePolicy.bar") is named with its object; ids in paths ("rounds.<id>.…") are not.
  if (index < 0 && parent !== undefined && /^[a-z][a-zA-Z]*$/.test(parent)) return `${LABELS[parent] ?? humanize(parent)} ${label.toLowerCase()}`;
  if (index <= 0) return label;
  const list = parts[index - 1];
  return list === named
    ? `${label}, item ${Number(parts[index]) + 1}`
    : `${label} (${(LABELS[list] ?? humanize(list)).toLowerCase()}, item ${Number(parts[index]) + 1})`;
}

/** `focusDimensionIds` → "Focus dimensions", `roleId` → "Role", `minEvidenceLength` → "Min evidence length". */
export function humanize(name: string): string {
  const words = name
    .replace(/Ids$/, 's')
    .replace(/Id$/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/_/g, ' ')
    .toLowerCase()
    .trim();
  return words ? words[0].toUpperCase() + words.slice(1) : name;
}

/** The message of one field error in words, as "<Label>: <what to do>". */
export function messageInWords(error: FieldError): string {
  const label = fieldLabel(error.field);
  const message = error.message.trim();
  if (message.startsWith(`${label}:`)) return message;
  const named = [...error.field.split('.')].reverse().find((p) => !/^\d+$/.test(p)) ?? error.field;
  const subject = developerSubject(message, error.field, named);
  const choice = CHOICES[named] && CHOICE_CODES.has(error.code ?? '');
  if (choice && (subject !== undefined || CONSTRAINT_CODES.has(error.code ?? '') || STARTS_WITH_UUID.test(message)))
    return `${label}: ${CHOICES[named]}.`;
  if (subject === undefined) return message; // written for people already
  const predicate = message
    .slice(subject.length)
    .trim()
    .replace(/[.;]\s*$/, '');
  for (const [pattern, words] of PREDICATES) {
    const match = predicate.match(pattern);
    if (match) return `${label}: ${typeof words === 'string' ? words.replace('$1', match[1] ?? '') : words(match)}.`;
  }
  return `${label}: ${identifiersInWords(predicate)}.`;
}

/** The leading words naming the field the way code does ("roundId", "ratings.0.rating", "each interviewerId"), if any. */
function developerSubject(message: string, field: string, named: string): string | undefined {
  const singular = named.replace(/Ids$/, 'Id').replace(/s$/, '');
  for (const candidate of [field, `each ${singular}`, `each ${named}`, `each value in ${named}`, named]) {
    if (message.startsWith(`${candidate} `) || message === candidate) return candidate;
  }
  return undefined;
}

/** camelCase names left in a sentence ("when notAssessed is true") in words ("when not assessed is true"). */
function identifiersInWords(text: string): string {
  return text.replace(/\b[a-z]+(?:[A-Z][a-z0-9]*)+(?:\.[a-z][a-zA-Z]*)*\b/g, (path) => fieldLabel(path).toLowerCase());
}

/** Every entry in words; `field` and `code` unchanged. */
export function fieldErrorsInWords(errors: FieldError[]): FieldError[] {
  return errors.map((error) => ({ ...error, message: messageInWords(error) }));
}
