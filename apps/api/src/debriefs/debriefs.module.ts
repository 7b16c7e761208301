import { Module } from '@nestjs/common';
import { DebriefsModule as CoreDebriefsModule } from '@hireloop/core';
import { DebriefsController } from './debriefs.controller';

@Module({
  imports: [CoreDebriefsModule],
  controllers: [DebriefsController],
})
export class DebriefsModule {}
