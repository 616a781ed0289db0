import type { DocumentStore } from '../storage/documentStore';
import { DeliveryWorker, type DeliveryWorkerOptions } from './deliveryWorker';
import { HandoffOutbox } from './outbox';

/** Options of {@link createHandoffDelivery}: the worker's options plus the store. */
export interface HandoffDeliveryOptions extends Omit<DeliveryWorkerOptions, 'outbox'> {
  store: DocumentStore;
}

/** An outbox and its worker, configured with the same sinks. */
export interface HandoffDelivery {
  outbox: HandoffOutbox;
  worker: DeliveryWorker;
}

/** Builds the outbox and the delivery worker for one set of sinks (call `worker.start()` after). */
export function createHandoffDelivery(options: HandoffDeliveryOptions): HandoffDelivery {
  const { store, ...workerOptions } = options;
  const outbox = new HandoffOutbox({
    store,
    sinkNames: options.sinks.map((sink) => sink.name),
    logger: options.logger,
    ...(options.clock ? { clock: options.clock } : {}),
  });
  return { outbox, worker: new DeliveryWorker({ ...workerOptions, outbox }) };
}
