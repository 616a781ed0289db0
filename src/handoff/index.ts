/** Hand-off record, durable outbox and delivery (no Bot Framework imports; those sinks are in src/bot/handoff). */
export * from './record';
export * from './transcriptText';
export * from './errors';
export type { HandoffSink } from './sink';
export type { Clock, Timers } from './clock';
export { DEFAULT_BACKOFF, type BackoffOptions } from './backoff';
export { HandoffOutbox, outboxKey, type HandoffOutboxOptions, type EnqueueResult, type OutboxEntryVersion } from './outbox';
export type { OutboxEntry, SinkDelivery } from './outboxEntry';
export { DeliveryWorker, type DeliveryWorkerOptions } from './deliveryWorker';
export type { DeliveryHealth, SinkHealth } from './deliveryHealth';
export { createHandoffDelivery, type HandoffDelivery, type HandoffDeliveryOptions } from './createHandoffDelivery';
export { WebhookSink, signWebhookBody, type WebhookSinkOptions } from './sinks/webhookSink';
export { EmailSink, type EmailSinkOptions } from './sinks/emailSink';
export { buildHandoffEmail, handoffMessageId, type HandoffEmailAddressing } from './sinks/emailMessage';
