import { Module } from '@nestjs/common';
import { MembersController } from './members.controller';
import { MembersService } from '@hireloop/core';

@Module({ controllers: [MembersController], providers: [MembersService] })
export class MembersModule {}
