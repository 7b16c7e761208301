import { Module } from '@nestjs/common';
import { EmailPreferencesController } from './email-preferences.controller';
import { EmailPreferencesService } from '@hireloop/core';
import { EmailPreferencesRepository } from '@hireloop/core/email';

/** Users' email preferences: signed in, or by the signed link in an email (RFC 8058 one-click unsubscribe). */
@Module({ controllers: [EmailPreferencesController], providers: [EmailPreferencesService, EmailPreferencesRepository] })
export class EmailPreferencesModule {}
