import { Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { AppError } from '@hireloop/core';

@Injectable()
export class LocalAuthGuard extends AuthGuard('local') {
  override handleRequest<T>(err: unknown, user: T, info: { message?: string } | undefined): T {
    if (err) throw err;
    if (!user) {
      if (info?.message === 'Missing credentials') {
        throw AppError.invalidFields([
          { field: 'email', message: 'email and password are required' },
          { field: 'password', message: 'email and password are required' },
        ]);
      }
      throw new AppError('unauthorized', 'invalid_credentials', 'Email or password is wrong.');
    }
    return user;
  }
}
