import { StoreUnavailableError } from './documentStore';

/** The parts of an Azure `RestError` we look at (duck-typed: several copies of the class may be installed). */
interface RestErrorLike {
  statusCode?: number;
  code?: string;
  name?: string;
}

function asRestError(err: unknown): RestErrorLike | undefined {
  return typeof err === 'object' && err !== null ? (err as RestErrorLike) : undefined;
}

/** HTTP status of a failed Azure call; undefined when the request never got an answer. */
export function blobStatus(err: unknown): number | undefined {
  const status = asRestError(err)?.statusCode;
  return typeof status === 'number' ? status : undefined;
}

/** Azure's error code (`BlobNotFound`, `ContainerNotFound`, `ConditionNotMet`...) or a Node network code. */
export function blobErrorCode(err: unknown): string | undefined {
  const code = asRestError(err)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** True when the container itself is gone (deleted, or an emulator restarted without its data). */
export function isContainerMissing(err: unknown): boolean {
  return blobStatus(err) === 404 && blobErrorCode(err) === 'ContainerNotFound';
}

/**
 * True when the service could not be used at all: no answer (connection refused, DNS, timeout, abort),
 * a server error after the SDK's retries, or credentials it refuses.
 */
export function isBlobUnavailable(err: unknown): boolean {
  const rest = asRestError(err);
  if (!rest) return false;
  if (rest.name === 'AbortError' || rest.name === 'TimeoutError') return true;
  const status = blobStatus(err);
  if (status === undefined) return rest.name === 'RestError';
  return status >= 500 || status === 401 || status === 403 || status === 408 || status === 429;
}

/** Wraps an unavailability failure in {@link StoreUnavailableError}; anything else passes through unchanged. */
export function toBlobStoreError(err: unknown, what: string): unknown {
  return isBlobUnavailable(err) ? asStoreUnavailable(err, what) : err;
}

/** Always a {@link StoreUnavailableError} (for health checks, where any failure means "cannot serve"). */
export function asStoreUnavailable(err: unknown, what: string): StoreUnavailableError {
  if (err instanceof StoreUnavailableError) return err;
  const detail = blobErrorCode(err) ?? blobStatus(err) ?? asRestError(err)?.name ?? 'error';
  return new StoreUnavailableError(`[BlobStore]: ${what} failed (${detail})`, err);
}
