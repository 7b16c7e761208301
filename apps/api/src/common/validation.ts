import { ArgumentMetadata, BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';
import { AppError, FieldError } from '@hireloop/core';
import { fieldLabel } from './field-messages';

/** No request DTO nests deeper than a few levels; far deeper JSON would overflow the stack of class-transformer. */
export const MAX_INPUT_DEPTH = 32;

/** Whether `value` nests objects or arrays more than `max` levels deep (iterative: safe for any depth). */
export function nestedDeeperThan(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (depth >= max) return true;
    for (const child of Array.isArray(node) ? node : Object.values(node)) stack.push([child, depth + 1]);
  }
  return false;
}

/** The global validation pipe; refuses absurdly nested input before class-transformer walks it. */
class DepthLimitedValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (nestedDeeperThan(value, MAX_INPUT_DEPTH)) {
      throw new AppError(
        'validation',
        'too_deeply_nested',
        `The request ${metadata.type === 'body' ? 'body' : metadata.type} nests objects or arrays more than ${MAX_INPUT_DEPTH} levels deep.`,
      );
    }
    try {
      return await super.transform(value, metadata);
    } catch (error) {
      // validator.js (e.g. isEmail's length check) throws URIError on a lone UTF-16 surrogate: a 400, not a 500.
      if (!(error instanceof URIError)) throw error;
      const field = illFormedStringPath(value) ?? metadata.type;
      throw AppError.invalid(field, `${field} must be well-formed Unicode text`, 'ill_formed_unicode');
    }
  }
}

/** The dotted path of the first string that holds a lone UTF-16 surrogate (not well-formed Unicode), if any. */
export function illFormedStringPath(value: unknown, path = ''): string | undefined {
  if (typeof value === 'string') return /\p{Surrogate}/u.test(value.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, '')) ? path || 'body' : undefined;
  if (value === null || typeof value !== 'object') return undefined;
  for (const [key, child] of Object.entries(value)) {
    const found = illFormedStringPath(child, path ? `${path}.${key}` : key);
    if (found) return found;
  }
  return undefined;
}

/** Flattens class-validator's nested errors into `errors[]` with dotted field paths (`ratings.0.rating`). */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const error of errors) {
    const field = parent ? `${parent}.${error.property}` : error.property;
    for (const [code, message] of Object.entries(error.constraints ?? {})) {
      out.push({ field, message: code === 'whitelistValidation' ? `${field} is not a known field` : message, code });
    }
    if (error.children?.length) out.push(...flattenValidationErrors(error.children, field));
  }
  return out;
}

export function createValidationPipe(): ValidationPipe {
  return new DepthLimitedValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    stopAtFirstError: false,
    exceptionFactory: (errors) => {
      const fieldErrors = flattenValidationErrors(errors);
      return new BadRequestException({
        code: 'validation_failed',
        message: `Check ${[...new Set(fieldErrors.map((e) => fieldLabel(e.field)))].join(', ')}.`,
        errors: fieldErrors,
      });
    },
  });
}
