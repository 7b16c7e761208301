export * from './validity-report.entity';
export * from './validity-reports.repository';
export * from './validity-reports.service';
