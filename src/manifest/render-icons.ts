import { PNG } from 'pngjs';

/** Sizes Teams requires for the app icons, in pixels. */
export const COLOR_ICON_SIZE = 192;
export const OUTLINE_ICON_SIZE = 32;

/** The colour icon's background; the manifest's `accentColor` uses the same value. */
export const ICON_BACKGROUND = '#0B3D6E';

type Rgb = readonly [number, number, number];

/** Whether a point lies in a shape; coordinates run from 0 to 1 across the icon, y downwards. */
type Shape = (x: number, y: number) => boolean;

interface ShieldGeometry {
  /** Half the width of the shield's straight part. */
  halfWidth: number;
  /** Top edge at the outer corners. */
  top: number;
  /** Where the sides start to curve in towards the tip. */
  shoulder: number;
  /** The tip at the bottom. */
  tip: number;
}

const WHITE: Rgb = [255, 255, 255];
const SHIELD_BLUE: Rgb = [30, 144, 216];
const NODE_TEAL: Rgb = [127, 224, 200];

// Each pixel is sampled on a 4×4 grid so that curves and lines get smooth edges.
const SAMPLES_PER_AXIS = 4;

/**
 * Draws the 192×192 colour icon: a blue shield with a white rim on a navy square, holding a hub
 * node wired to three device nodes (Defender for IoT watching connected devices).
 */
export function renderColorIcon(): PNG {
  const png = createImage(COLOR_ICON_SIZE, parseHexColor(ICON_BACKGROUND), 255);
  const outer: ShieldGeometry = { halfWidth: 0.3, top: 0.14, shoulder: 0.46, tip: 0.88 };

  fillShape(png, shieldShape(outer), WHITE);
  fillShape(png, shieldShape(insetShield(outer, 0.03)), SHIELD_BLUE);
  fillShape(png, networkLinks(0.022), WHITE);
  fillShape(png, networkNodes({ hub: 0.075, device: 0.05 }), WHITE);
  fillShape(png, networkNodes({ hub: 0.04, device: 0.025 }), NODE_TEAL);

  return png;
}

/**
 * Draws the 32×32 outline icon: the same shield as a white rim with the node motif, on a
 * transparent background. Every pixel is pure white; only alpha varies, as Teams requires.
 */
export function renderOutlineIcon(): PNG {
  const png = createImage(OUTLINE_ICON_SIZE, WHITE, 0);
  const outer: ShieldGeometry = { halfWidth: 0.38, top: 0.05, shoulder: 0.42, tip: 0.96 };
  const rim = shieldShape(outer);
  const inside = shieldShape(insetShield(outer, 0.075));

  fillShape(png, (x, y) => rim(x, y) && !inside(x, y), WHITE);
  fillShape(png, networkLinks(0.05), WHITE);
  fillShape(png, networkNodes({ hub: 0.085, device: 0.065 }), WHITE);

  return png;
}

function createImage(size: number, color: Rgb, alpha: number): PNG {
  const png = new PNG({ width: size, height: size });
  for (let offset = 0; offset < png.data.length; offset += 4) {
    png.data[offset] = color[0];
    png.data[offset + 1] = color[1];
    png.data[offset + 2] = color[2];
    png.data[offset + 3] = alpha;
  }

  return png;
}

/** Paints `color` over the image where `shape` covers it, weighting edge pixels by coverage. */
function fillShape(png: PNG, shape: Shape, color: Rgb): void {
  const size = png.width;
  for (let row = 0; row < size; row += 1) {
    for (let column = 0; column < size; column += 1) {
      const coverage = measureCoverage(shape, column, row, size);
      if (coverage > 0) {
        blendPixel(png, (row * size + column) * 4, color, coverage);
      }
    }
  }
}

function measureCoverage(shape: Shape, column: number, row: number, size: number): number {
  let hits = 0;
  for (let sy = 0; sy < SAMPLES_PER_AXIS; sy += 1) {
    for (let sx = 0; sx < SAMPLES_PER_AXIS; sx += 1) {
      const x = (column + (sx + 0.5) / SAMPLES_PER_AXIS) / size;
      const y = (row + (sy + 0.5) / SAMPLES_PER_AXIS) / size;
      if (shape(x, y)) {
        hits += 1;
      }
    }
  }

  return hits / (SAMPLES_PER_AXIS * SAMPLES_PER_AXIS);
}

/** Source-over compositing of an opaque colour with the given coverage. */
function blendPixel(png: PNG, offset: number, color: Rgb, coverage: number): void {
  const below = (png.data[offset + 3] ?? 0) / 255;
  const alpha = coverage + below * (1 - coverage);
  for (let channel = 0; channel < 3; channel += 1) {
    const under = png.data[offset + channel] ?? 0;
    const mixed = (color[channel]! * coverage + under * below * (1 - coverage)) / alpha;
    png.data[offset + channel] = Math.round(mixed);
  }
  png.data[offset + 3] = Math.round(alpha * 255);
}

/** A heater shield: straight sides, a slightly dipped top edge, sides curving into a point. */
function shieldShape(shield: ShieldGeometry): Shape {
  return (x, y) => {
    const across = Math.abs(x - 0.5) / shield.halfWidth;
    if (across > 1) {
      return false;
    }
    const dip = 0.035 * (1 - across * across);
    if (y < shield.top + dip || y > shield.tip) {
      return false;
    }
    if (y <= shield.shoulder) {
      return true;
    }
    const t = (y - shield.shoulder) / (shield.tip - shield.shoulder);

    return across <= 1 - t * t;
  };
}

function insetShield(shield: ShieldGeometry, border: number): ShieldGeometry {
  return {
    halfWidth: shield.halfWidth - border,
    top: shield.top + border,
    shoulder: shield.shoulder,
    // The tip is sharp, so it needs a deeper inset than the sides for an even-looking rim.
    tip: shield.tip - border * 1.8,
  };
}

// The hub in the middle of the shield and three devices around it, in icon coordinates.
const HUB = { x: 0.5, y: 0.47 };
const DEVICES = [
  { x: 0.36, y: 0.33 },
  { x: 0.64, y: 0.33 },
  { x: 0.5, y: 0.69 },
];

function networkNodes(radius: { hub: number; device: number }): Shape {
  return (x, y) =>
    Math.hypot(x - HUB.x, y - HUB.y) <= radius.hub ||
    DEVICES.some((device) => Math.hypot(x - device.x, y - device.y) <= radius.device);
}

function networkLinks(width: number): Shape {
  return (x, y) =>
    DEVICES.some((device) => measureSegmentDistance({ x, y }, HUB, device) <= width / 2);
}

function measureSegmentDistance(
  point: { x: number; y: number },
  start: { x: number; y: number },
  end: { x: number; y: number },
): number {
  const dx = end.x - start.x;
  const dy = end.y - start.y;
  const along = ((point.x - start.x) * dx + (point.y - start.y) * dy) / (dx * dx + dy * dy);
  const t = Math.min(1, Math.max(0, along));

  return Math.hypot(point.x - (start.x + t * dx), point.y - (start.y + t * dy));
}

function parseHexColor(hex: string): Rgb {
  const value = Number.parseInt(hex.slice(1), 16);

  return [(value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff];
}
