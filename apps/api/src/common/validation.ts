import { ArgumentMetadata, BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';
import { AppError, FieldError } from '@hireloop/core';

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
      throw new AppError('validation', 'too_deeply_nested', `The request ${metadata.type === 'body' ? 'body' : metadata.type} nests objects or arrays more than ${MAX_INPUT_DEPTH} levels deep.`);
    }
    return super.transform(value, metadata);
  }
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
        message: `Invalid request: ${fieldErrors.map((e) => e.field).filter((f, i, all) => all.indexOf(f) === i).join(', ')}`,
        errors: fieldErrors,
      });
    },
  });
}
