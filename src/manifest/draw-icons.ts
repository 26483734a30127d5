/**
 * Redraws `manifest/color.png` and `manifest/outline.png` from the shapes in render-icons.ts:
 * `npx tsx src/manifest/draw-icons.ts`. The PNGs are committed; run this only after changing the
 * design, and commit the result.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';

import { PNG } from 'pngjs';

import { DEFAULT_MANIFEST_DIR } from './build-app-package.js';
import { renderColorIcon, renderOutlineIcon } from './render-icons.js';

const icons = [
  { fileName: 'color.png', png: renderColorIcon() },
  { fileName: 'outline.png', png: renderOutlineIcon() },
];

for (const icon of icons) {
  const target = path.join(DEFAULT_MANIFEST_DIR, icon.fileName);
  await writeFile(target, PNG.sync.write(icon.png));
  process.stdout.write(`Wrote ${path.relative(process.cwd(), target)}\n`);
}
