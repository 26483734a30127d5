import { readFile } from 'node:fs/promises';
import path from 'node:path';

import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';

import { DEFAULT_MANIFEST_DIR } from '../../../src/manifest/build-app-package.js';
import {
  ICON_BACKGROUND,
  renderColorIcon,
  renderOutlineIcon,
} from '../../../src/manifest/render-icons.js';

async function readIcon(fileName: string): Promise<PNG> {
  return PNG.sync.read(await readFile(path.join(DEFAULT_MANIFEST_DIR, fileName)));
}

function listPixels(png: PNG): Array<[number, number, number, number]> {
  const pixels: Array<[number, number, number, number]> = [];
  for (let offset = 0; offset < png.data.length; offset += 4) {
    const [r, g, b, a] = png.data.subarray(offset, offset + 4);
    pixels.push([r!, g!, b!, a!]);
  }

  return pixels;
}

function toHex([r, g, b]: [number, number, number, number]): string {
  const hex = [r, g, b].map((channel) => channel.toString(16).padStart(2, '0')).join('');

  return `#${hex}`.toUpperCase();
}

describe('manifest/color.png', () => {
  it('is a fully opaque 192×192 image in several colours', async () => {
    const png = await readIcon('color.png');
    const pixels = listPixels(png);

    expect([png.width, png.height]).toEqual([192, 192]);
    expect(pixels.every((pixel) => pixel[3] === 255)).toBe(true);
    expect(new Set(pixels.map(toHex)).size).toBeGreaterThan(3);
  });

  it('has the accent colour in its corners and white in the shield rim', async () => {
    const pixels = listPixels(await readIcon('color.png'));
    const at = (x: number, y: number) => pixels[y * 192 + x]!;

    expect([at(0, 0), at(191, 0), at(0, 191), at(191, 191)].map(toHex)).toEqual(
      Array(4).fill(ICON_BACKGROUND),
    );
    // The rim's left edge runs down x ≈ 0.2 × 192 at mid height.
    expect(toHex(at(Math.round(0.21 * 192), 80))).toBe('#FFFFFF');
  });

  it('is what render-icons draws today', async () => {
    expect((await readIcon('color.png')).data.equals(renderColorIcon().data)).toBe(true);
  });
});

describe('manifest/outline.png', () => {
  it('is a 32×32 image of white pixels that differ only in alpha', async () => {
    const png = await readIcon('outline.png');
    const pixels = listPixels(png);
    const notWhite = pixels.filter(([r, g, b]) => r !== 255 || g !== 255 || b !== 255);

    expect([png.width, png.height]).toEqual([32, 32]);
    expect(notWhite).toEqual([]);
  });

  it('is transparent around the shield and opaque on its rim', async () => {
    const pixels = listPixels(await readIcon('outline.png'));
    const alphaAt = (x: number, y: number) => pixels[y * 32 + x]![3];
    const opaque = pixels.filter((pixel) => pixel[3] === 255).length;
    const transparent = pixels.filter((pixel) => pixel[3] === 0).length;

    expect([alphaAt(0, 0), alphaAt(31, 0), alphaAt(0, 31), alphaAt(31, 31)]).toEqual([0, 0, 0, 0]);
    expect(alphaAt(Math.round(0.14 * 32), 10)).toBe(255);
    expect(opaque).toBeGreaterThan(100);
    expect(transparent).toBeGreaterThan(400);
  });

  it('is what render-icons draws today', async () => {
    expect((await readIcon('outline.png')).data.equals(renderOutlineIcon().data)).toBe(true);
  });
});
