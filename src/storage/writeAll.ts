import { writeSync } from 'node:fs';

/** Writes every byte of `data` to an open file, however many calls the system takes to do it. */
export function writeAll(fd: number, data: Buffer): void {
  let written = 0;
  while (written < data.length) written += writeSync(fd, data, written, data.length - written);
}
