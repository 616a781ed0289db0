/**
 * Reads a zip archive for the tests, written separately from
 * deploy/teams/zip.js so the package is checked by code that did not make it.
 * It follows the central directory (as unzip tools and Teams do), checks each
 * local header agrees with it, inflates the data and verifies every CRC.
 */
import zlib from 'node:zlib';

export interface ZipEntry {
  name: string;
  method: number;
  data: Buffer;
}

/** Bitwise CRC-32 (IEEE): slow, short and obviously right, which is what a test wants. */
export function crc32(data: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of data) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

export function readZip(buf: Buffer): ZipEntry[] {
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('no end-of-central-directory record');
  const count = buf.readUInt16LE(eocd + 10);
  const directorySize = buf.readUInt32LE(eocd + 12);
  const directoryOffset = buf.readUInt32LE(eocd + 16);
  if (directoryOffset + directorySize !== eocd) throw new Error('central directory does not end where the end record starts');

  const entries: ZipEntry[] = [];
  let at = directoryOffset;
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(at) !== 0x02014b50) throw new Error(`central directory entry ${n} has a bad signature`);
    const flags = buf.readUInt16LE(at + 8);
    const method = buf.readUInt16LE(at + 10);
    const crc = buf.readUInt32LE(at + 16);
    const compressedSize = buf.readUInt32LE(at + 20);
    const size = buf.readUInt32LE(at + 24);
    const nameLength = buf.readUInt16LE(at + 28);
    const extraLength = buf.readUInt16LE(at + 30);
    const commentLength = buf.readUInt16LE(at + 32);
    const localOffset = buf.readUInt32LE(at + 42);
    const name = buf.toString('utf8', at + 46, at + 46 + nameLength);
    at += 46 + nameLength + extraLength + commentLength;

    if (flags & 0x0001) throw new Error(`${name} is encrypted`);
    if (buf.readUInt32LE(localOffset) !== 0x04034b50) throw new Error(`${name}: bad local header signature`);
    if (buf.readUInt16LE(localOffset + 8) !== method) throw new Error(`${name}: local header disagrees on the method`);
    if (!(flags & 0x0008)) {
      // Without a data descriptor the local header must carry the same CRC and sizes.
      if (buf.readUInt32LE(localOffset + 14) !== crc) throw new Error(`${name}: local header disagrees on the CRC`);
      if (buf.readUInt32LE(localOffset + 18) !== compressedSize) throw new Error(`${name}: local header disagrees on the compressed size`);
    }
    const localName = buf.toString('utf8', localOffset + 30, localOffset + 30 + buf.readUInt16LE(localOffset + 26));
    if (localName !== name) throw new Error(`${name}: local header names ${localName}`);
    const start = localOffset + 30 + buf.readUInt16LE(localOffset + 26) + buf.readUInt16LE(localOffset + 28);
    const stored = buf.subarray(start, start + compressedSize);
    let data: Buffer;
    if (method === 0) data = Buffer.from(stored);
    else if (method === 8) data = zlib.inflateRawSync(stored);
    else throw new Error(`${name}: unsupported method ${method}`);
    if (data.length !== size) throw new Error(`${name}: ${data.length} bytes, directory says ${size}`);
    if (crc32(data) !== crc) throw new Error(`${name}: CRC mismatch`);
    entries.push({ name, method, data });
  }
  return entries;
}
