import { Global, Module } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { EnvironmentVariables, validateEnvironment } from './env.schema';

/** Typed access to the validated environment: inject `AppConfig` instead of reading process.env. */
export class AppConfig extends EnvironmentVariables {}

@Global()
@Module({
  imports: [ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, validate: validateEnvironment, cache: true })],
  providers: [
    {
      provide: AppConfig,
      inject: [ConfigService],
      // ConfigModule has validated process.env at this point; this gives the typed, defaulted view of it.
      useFactory: () => validateEnvironment(process.env as Record<string, unknown>),
    },
  ],
  exports: [AppConfig],
})
export class AppConfigModule {}
