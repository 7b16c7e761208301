export * from './email-text';
export * from './email-templates';
export * from './email-calendar';
export * from './email-requests';
export * from './email-requests.repository';
export * from './email-deliveries.repository';
export * from './email-preferences';
export * from './email-preferences.repository';
