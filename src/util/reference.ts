import { randomBytes } from 'node:crypto';

/** A short code a parent can quote and an operator can find in the logs. */
export function newReference(): string {
  return randomBytes(4).toString('hex').toUpperCase();
}
