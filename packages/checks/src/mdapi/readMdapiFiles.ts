import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import JSZip from 'jszip';
import type { MdapiFiles } from './types.js';

export class MdapiReadError extends Error {
  readonly code = 'MDAPI_UNREADABLE';
  constructor(message: string) {
    super(message);
    this.name = 'MdapiReadError';
  }
}

/** The files of a deploy zip (directories skipped). A buffer that is not a zip throws MdapiReadError. */
export async function readMdapiZip(zip: Buffer): Promise<MdapiFiles> {
  let archive: JSZip;
  try {
    archive = await JSZip.loadAsync(zip);
  } catch (err) {
    throw new MdapiReadError(`The deploy package is not a readable zip file (${(err as Error).message}): send the zip SDR or the Metadata API builds.`);
  }
  const files = new Map<string, Buffer>();
  for (const entry of Object.values(archive.files)) {
    if (entry.dir) continue;
    files.set(entry.name.replace(/^\/+/, ''), await entry.async('nodebuffer'));
  }
  return files;
}

/** The files of a metadata-format folder on disk, as the same paths a zip of it would hold. */
export async function readMdapiDir(dir: string): Promise<MdapiFiles> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true }).catch((err: NodeJS.ErrnoException) => {
    throw new MdapiReadError(`Cannot read the package folder ${dir} (${err.code ?? err.message}): pass a folder that holds package.xml.`);
  });
  const files = new Map<string, Buffer>();
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    files.set(path.relative(dir, full).split(path.sep).join('/'), await readFile(full));
  }
  return files;
}
