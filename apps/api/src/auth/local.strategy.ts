import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { Strategy } from 'passport-local';
import { AppError } from '@hireloop/core';
import { AuthService } from './auth.service';

/** Email + password sign-in. Resolves to the user id; the controller picks the organization. */
@Injectable()
export class LocalStrategy extends PassportStrategy(Strategy, 'local') {
  constructor(private readonly auth: AuthService) {
    super({ usernameField: 'email', passwordField: 'password' });
  }

  async validate(email: string, password: string): Promise<{ userId: string }> {
    const userId = await this.auth.verifyCredentials(email, password);
    if (!userId) throw new AppError('unauthorized', 'invalid_credentials', 'Email or password is wrong.');
    return { userId };
  }
}
