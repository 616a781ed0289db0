'use strict';
/**
 * Draws the two Teams icons and writes them next to this file:
 *   color.png    192x192, full colour: a white speech bubble on the accent colour
 *   outline.png   32x32,  white on transparent, the same bubble as a line drawing
 * Teams requires exactly these sizes, and the outline icon to be white with a
 * transparent background (it is tinted by Teams itself).
 *
 * Run: node deploy/teams/makeIcons.js   (the PNGs are committed; rerun after a change here)
 * Node built-ins only: shapes are tested point by point and each pixel averages
 * 4x4 samples, which is enough anti-aliasing for icons this small.
 */
const fs = require('node:fs');
const path = require('node:path');
const { encodePng } = require('./png');

/** Must match accentColor in manifest.json, so the tile and the icon agree. */
const ACCENT = [0x1f, 0x5f, 0x8b, 255];
const WHITE = [255, 255, 255, 255];
const SAMPLES = 4;

// Shapes work in unit coordinates (0..1 across the icon) so one design serves any size.
function roundedRect(x0, y0, x1, y1, r) {
  return (x, y) => {
    if (x < x0 || x > x1 || y < y0 || y > y1) return false;
    const dx = Math.max(x0 + r - x, 0, x - (x1 - r));
    const dy = Math.max(y0 + r - y, 0, y - (y1 - r));
    return dx * dx + dy * dy <= r * r;
  };
}
function circle(cx, cy, r) {
  return (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}
function triangle(ax, ay, bx, by, cx, cy) {
  const side = (px, py, qx, qy, x, y) => (qx - px) * (y - py) - (qy - py) * (x - px);
  return (x, y) => {
    const d1 = side(ax, ay, bx, by, x, y);
    const d2 = side(bx, by, cx, cy, x, y);
    const d3 = side(cx, cy, ax, ay, x, y);
    return !((d1 < 0 || d2 < 0 || d3 < 0) && (d1 > 0 || d2 > 0 || d3 > 0));
  };
}
const union = (...shapes) => (x, y) => shapes.some((s) => s(x, y));
const minus = (a, b) => (x, y) => a(x, y) && !b(x, y);
const everywhere = () => true;

/**
 * Renders layers (drawn in order, later ones on top) to RGBA bytes.
 * Samples are averaged with premultiplied alpha so edges over transparency
 * keep their colour instead of darkening towards black.
 */
function render(size, layers) {
  const rgba = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const x = (px + (sx + 0.5) / SAMPLES) / size;
          const y = (py + (sy + 0.5) / SAMPLES) / size;
          let colour = null;
          for (const layer of layers) if (layer.shape(x, y)) colour = layer.colour;
          if (!colour) continue;
          const alpha = colour[3] / 255;
          r += colour[0] * alpha; g += colour[1] * alpha; b += colour[2] * alpha; a += alpha;
        }
      }
      const o = (py * size + px) * 4;
      if (a > 0) {
        rgba[o] = Math.round(r / a);
        rgba[o + 1] = Math.round(g / a);
        rgba[o + 2] = Math.round(b / a);
        rgba[o + 3] = Math.round((a / (SAMPLES * SAMPLES)) * 255);
      }
    }
  }
  return rgba;
}

function colourIcon() {
  const bubble = union(
    roundedRect(0.2, 0.24, 0.8, 0.66, 0.1),
    triangle(0.3, 0.6, 0.47, 0.6, 0.27, 0.8),
  );
  const dots = union(circle(0.36, 0.45, 0.045), circle(0.5, 0.45, 0.045), circle(0.64, 0.45, 0.045));
  return render(192, [
    { shape: everywhere, colour: ACCENT },
    { shape: bubble, colour: WHITE },
    { shape: dots, colour: ACCENT },
  ]);
}

function outlineIcon() {
  const stroke = 0.085;
  const outer = roundedRect(0.06, 0.1, 0.94, 0.72, 0.18);
  const inner = roundedRect(0.06 + stroke, 0.1 + stroke, 0.94 - stroke, 0.72 - stroke, 0.18 - stroke);
  const tail = triangle(0.22, 0.66, 0.44, 0.66, 0.16, 0.94);
  const dots = union(circle(0.3, 0.41, 0.07), circle(0.5, 0.41, 0.07), circle(0.7, 0.41, 0.07));
  return render(32, [{ shape: union(minus(outer, inner), tail, dots), colour: WHITE }]);
}

function main() {
  const files = [
    ['color.png', 192, colourIcon()],
    ['outline.png', 32, outlineIcon()],
  ];
  for (const [name, size, rgba] of files) {
    const file = path.join(__dirname, name);
    fs.writeFileSync(file, encodePng(size, size, rgba));
    console.log(`wrote ${path.relative(process.cwd(), file)} (${size}x${size})`);
  }
}

if (require.main === module) main();

module.exports = { ACCENT, colourIcon, outlineIcon };
