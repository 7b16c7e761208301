import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';
import { FieldError } from '@hireloop/core';

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
  return new ValidationPipe({
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
