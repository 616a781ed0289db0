'use strict';
/**
 * The little of PNG the Teams package needs: write 8-bit RGBA images, read a
 * file's size from its IHDR chunk, and decode 8-bit RGB/RGBA images so the
 * outline icon can be checked to be white on transparent. Node built-ins only.
 */
const zlib = require('node:zlib');
const { crc32 } = require('./crc32');

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const COLOUR_TYPE_RGB = 2;
const COLOUR_TYPE_RGBA = 6;

function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const tail = Buffer.alloc(4);
  // The CRC covers the type and the data, not the length.
  tail.writeUInt32BE(crc32(head.subarray(4), data), 0);
  return Buffer.concat([head, data, tail]);
}

/**
 * Encodes width x height pixels given as RGBA bytes, row by row.
 * Every row uses filter type 0 (none): the icons are tiny, and a plain
 * encoder is easier to trust than a smaller file.
 */
function encodePng(width, height, rgba) {
  if (rgba.length !== width * height * 4) throw new Error(`encodePng: expected ${width * height * 4} bytes, got ${rgba.length}`);
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bits per channel
  ihdr[9] = COLOUR_TYPE_RGBA;
  ihdr[10] = 0; // compression: deflate
  ihdr[11] = 0; // filter method: adaptive (per-row filter byte)
  ihdr[12] = 0; // no interlace
  const stride = width * 4;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (stride + 1)] = 0;
    Buffer.from(rgba.buffer, rgba.byteOffset + y * stride, stride).copy(raw, y * (stride + 1) + 1);
  }
  return Buffer.concat([
    SIGNATURE,
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Splits a PNG into chunks, checking the signature and every chunk's CRC. */
function readChunks(buf) {
  if (buf.length < 8 || !buf.subarray(0, 8).equals(SIGNATURE)) throw new Error('not a PNG file (bad signature)');
  const chunks = [];
  let pos = 8;
  while (pos < buf.length) {
    if (pos + 12 > buf.length) throw new Error('PNG truncated inside a chunk header');
    const length = buf.readUInt32BE(pos);
    const type = buf.toString('ascii', pos + 4, pos + 8);
    const end = pos + 8 + length;
    if (end + 4 > buf.length) throw new Error(`PNG truncated inside chunk ${type}`);
    const data = buf.subarray(pos + 8, end);
    if (crc32(buf.subarray(pos + 4, pos + 8), data) !== buf.readUInt32BE(end)) throw new Error(`PNG chunk ${type} has a bad CRC`);
    chunks.push({ type, data });
    pos = end + 4;
    if (type === 'IEND') break;
  }
  return chunks;
}

/** Width, height, bit depth and colour type from the IHDR chunk, which PNG requires to come first. */
function readPngHeader(buf) {
  if (buf.length < 33 || !buf.subarray(0, 8).equals(SIGNATURE)) throw new Error('not a PNG file (bad signature)');
  if (buf.toString('ascii', 12, 16) !== 'IHDR') throw new Error('PNG does not start with an IHDR chunk');
  return {
    width: buf.readUInt32BE(16),
    height: buf.readUInt32BE(20),
    bitDepth: buf[24],
    colourType: buf[25],
    interlace: buf[28],
  };
}

function paeth(a, b, c) {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  if (pa <= pb && pa <= pc) return a;
  return pb <= pc ? b : c;
}

/**
 * Decodes a non-interlaced 8-bit RGB or RGBA PNG to RGBA bytes. Enough for
 * checking icons; anything else is refused by name rather than misread.
 */
function decodePng(buf) {
  const chunks = readChunks(buf);
  const header = readPngHeader(buf);
  const { width, height, bitDepth, colourType, interlace } = header;
  if (bitDepth !== 8 || (colourType !== COLOUR_TYPE_RGB && colourType !== COLOUR_TYPE_RGBA) || interlace !== 0) {
    throw new Error(`decodePng supports 8-bit RGB/RGBA without interlace, got depth ${bitDepth}, colour type ${colourType}, interlace ${interlace}`);
  }
  const channels = colourType === COLOUR_TYPE_RGBA ? 4 : 3;
  const stride = width * channels;
  const raw = zlib.inflateSync(Buffer.concat(chunks.filter((c) => c.type === 'IDAT').map((c) => c.data)));
  if (raw.length !== (stride + 1) * height) throw new Error('PNG image data has the wrong length for its size');
  const out = Buffer.alloc(width * height * 4);
  let prev = Buffer.alloc(stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = Buffer.from(raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1)));
    for (let i = 0; i < stride; i++) {
      const left = i >= channels ? line[i - channels] : 0;
      const up = prev[i];
      const upLeft = i >= channels ? prev[i - channels] : 0;
      switch (filter) {
        case 0: break;
        case 1: line[i] = (line[i] + left) & 0xff; break;
        case 2: line[i] = (line[i] + up) & 0xff; break;
        case 3: line[i] = (line[i] + ((left + up) >> 1)) & 0xff; break;
        case 4: line[i] = (line[i] + paeth(left, up, upLeft)) & 0xff; break;
        default: throw new Error(`PNG row ${y} has unknown filter type ${filter}`);
      }
    }
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 4;
      out[o] = line[x * channels];
      out[o + 1] = line[x * channels + 1];
      out[o + 2] = line[x * channels + 2];
      out[o + 3] = channels === 4 ? line[x * channels + 3] : 255;
    }
    prev = line;
  }
  return { width, height, rgba: out };
}

module.exports = { encodePng, readPngHeader, decodePng };
