import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Core } from '@strapi/strapi';
import sharp from 'sharp';

/**
 * Demo images are drawn here rather than shipped or downloaded: abstract shapes in NHS colours,
 * so the quick start works offline and the repository carries no binary assets.
 */
const NHS_PALETTE = ['#005eb8', '#003087', '#41b6e6', '#009639', '#330072', '#ae2573', '#ed8b00', '#006747', '#7c2855', '#768692'];

function demoSvg(seed: number, width: number, height: number): string {
  const colour = (offset: number) => NHS_PALETTE[(seed + offset) % NHS_PALETTE.length];
  const circles = Array.from({ length: 5 }, (_, i) => {
    const cx = ((seed * 97 + i * 211) % width) | 0;
    const cy = ((seed * 53 + i * 137) % height) | 0;
    const r = 60 + ((seed * 31 + i * 71) % 160);
    return `<circle cx="${cx}" cy="${cy}" r="${r}" fill="${colour(i + 1)}" fill-opacity="0.55"/>`;
  }).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="${colour(0)}"/>${circles}</svg>`;
}

export interface UploadedImage {
  id: number;
  url: string;
}

/** Finds the demo image by name, or draws and uploads it through Strapi's upload service. */
export async function ensureDemoImage(strapi: Core.Strapi, name: string, seed: number, alternativeText: string): Promise<UploadedImage> {
  const fileName = `${name}.jpg`;
  const existing = await strapi.db.query('plugin::upload.file').findOne({ where: { name: fileName }, select: ['id', 'url'] });
  if (existing) return existing;

  const folder = mkdtempSync(join(tmpdir(), 'futurenhs-demo-image-'));
  const filepath = join(folder, fileName);
  try {
    await sharp(Buffer.from(demoSvg(seed, 1200, 675))).jpeg({ quality: 80 }).toFile(filepath);
    const [file] = await strapi
      .plugin('upload')
      .service('upload')
      .upload({
        data: { fileInfo: { name: fileName, alternativeText, caption: '' } },
        files: { filepath, originalFilename: fileName, mimetype: 'image/jpeg', size: statSync(filepath).size },
      });
    return { id: file.id, url: file.url };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
