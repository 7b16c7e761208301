import { ParseUUIDPipe } from '@nestjs/common';
import { AppError } from '@hireloop/core';

/** Route ids are UUIDs; anything else is a 404 (it cannot name an existing resource). */
export const UuidParam = new ParseUUIDPipe({ exceptionFactory: () => new AppError('not_found', 'not_found', 'No resource has this id.') });
