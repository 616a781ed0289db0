'use strict';
/**
 * CRC-32 (IEEE 802.3, the polynomial PNG chunks and zip entries both use).
 * Written out here because zlib.crc32 only exists from Node 20.15 and the
 * project promises Node >= 20.
 */

const TABLE = new Uint32Array(256);
for (let n = 0; n < 256; n++) {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  TABLE[n] = c >>> 0;
}

/** CRC-32 of one or more buffers, as if they were concatenated. */
function crc32(...buffers) {
  let crc = 0xffffffff;
  for (const buf of buffers) {
    for (let i = 0; i < buf.length; i++) crc = TABLE[(crc ^ buf[i]) & 0xff] ^ (crc >>> 8);
  }
  return (crc ^ 0xffffffff) >>> 0;
}

module.exports = { crc32 };
