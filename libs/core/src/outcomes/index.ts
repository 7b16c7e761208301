export * from './outcome.entity';
export * from './outcomes.repository';
export * from './outcome-rules';
export * from './performance-scale';
export * from './outcome-csv';
export * from './outcome-imports.repository';
export * from './outcome-imports.service';
