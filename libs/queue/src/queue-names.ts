/** Every queue of the service. The worker checks at boot that each has exactly one processor. */
export const QueueName = {
  PanelAggregation: 'panel-aggregation',
  InterviewerCalibration: 'interviewer-calibration',
  FeedbackReminders: 'feedback-reminders',
  WebhookDeliveries: 'webhook-deliveries',
  EmailDeliveries: 'email-deliveries',
  Maintenance: 'maintenance',
  QualityOfHire: 'quality-of-hire',
} as const;
export type QueueName = (typeof QueueName)[keyof typeof QueueName];
export const ALL_QUEUES: QueueName[] = Object.values(QueueName);
