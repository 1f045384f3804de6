/**
 * Legacy Office files (doc, xls, ppt) are Compound File Binary containers, as are installers (.msi)
 * and Outlook messages: the container's directory says which it is. Only the directory is read,
 * a sector at a time, however large the file.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { InspectionRefusal } from './refusal';

const FREE = 0xffffffff;
const END_OF_CHAIN = 0xfffffffe;
const MAX_DIRECTORY_SECTORS = 4096;

export type CfbKind = 'doc' | 'xls' | 'ppt';

const damaged = () =>
  new InspectionRefusal('The file is damaged: open it on your computer, save it again, and upload the new copy.');

async function readAt(file: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await file.read(buffer, 0, length, position);
  if (bytesRead !== length) throw damaged();
  return buffer;
}

/** The names of the streams and storages (folders) in a CFB file's directory. */
export async function cfbStreamNames(path: string): Promise<Set<string>> {
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    const header = await readAt(file, 0, 512);
    const shift = header.readUInt16LE(0x1e);
    if (shift !== 9 && shift !== 12) throw damaged();
    const sectorSize = 1 << shift;
    const perSector = sectorSize / 4;
    const sectorCount = Math.ceil(size / sectorSize);
    const offsetOf = (sector: number) => {
      if (sector >= sectorCount) throw damaged();
      return (sector + 1) * sectorSize;
    };

    // The FAT's own sectors: 109 listed in the header, the rest in a chain of DIFAT sectors.
    const fatSectorCount = header.readUInt32LE(0x2c);
    if (fatSectorCount > sectorCount) throw damaged();
    const fatSectors: number[] = [];
    for (let i = 0; i < 109 && fatSectors.length < fatSectorCount; i++) fatSectors.push(header.readUInt32LE(0x4c + i * 4));
    let difat = header.readUInt32LE(0x44);
    for (let hops = 0; fatSectors.length < fatSectorCount && difat !== END_OF_CHAIN && difat !== FREE; hops++) {
      if (hops > sectorCount) throw damaged();
      const sector = await readAt(file, offsetOf(difat), sectorSize);
      for (let i = 0; i < perSector - 1 && fatSectors.length < fatSectorCount; i++) fatSectors.push(sector.readUInt32LE(i * 4));
      difat = sector.readUInt32LE(sectorSize - 4);
    }
    const next = async (sector: number) => {
      const fatSector = fatSectors[Math.floor(sector / perSector)];
      if (fatSector === undefined) throw damaged();
      return (await readAt(file, offsetOf(fatSector) + (sector % perSector) * 4, 4)).readUInt32LE(0);
    };

    const names = new Set<string>();
    const seen = new Set<number>();
    for (let sector = header.readUInt32LE(0x30); sector !== END_OF_CHAIN; sector = await next(sector)) {
      if (seen.has(sector) || seen.size >= MAX_DIRECTORY_SECTORS) throw damaged();
      seen.add(sector);
      const entries = await readAt(file, offsetOf(sector), sectorSize);
      for (let at = 0; at < sectorSize; at += 128) {
        const type = entries[at + 0x42];
        const length = entries.readUInt16LE(at + 0x40);
        if ((type !== 1 && type !== 2) || length < 2 || length > 64) continue; // 1: a storage, 2: a stream
        names.add(entries.toString('utf16le', at, at + length - 2));
      }
    }
    return names;
  } catch (error) {
    if (error instanceof InspectionRefusal) throw error;
    throw damaged();
  } finally {
    await file.close();
  }
}

/** Which legacy Office kind a CFB file is, or a refusal saying why it is none. */
export async function cfbKind(path: string): Promise<CfbKind> {
  const names = await cfbStreamNames(path);
  if (names.has('EncryptedPackage') || names.has('EncryptionInfo')) {
    throw new InspectionRefusal('Password-protected Office documents cannot be checked: remove the password, save, and upload it again.');
  }
  // Word keeps its VBA in a 'Macros' storage, Excel in '_VBA_PROJECT_CUR', PowerPoint in a 'VBA' storage.
  if (names.has('Macros') || names.has('_VBA_PROJECT_CUR') || names.has('VBA')) {
    throw new InspectionRefusal(
      'The document contains macros, which are not accepted: save it without macros (for example as .docx, .xlsx or .pptx) and upload that.',
    );
  }
  if (names.has('WordDocument')) return 'doc';
  if (names.has('Workbook') || names.has('Book')) return 'xls';
  if (names.has('PowerPoint Document')) return 'ppt';
  throw new InspectionRefusal(
    'The file is not a Word, Excel or PowerPoint document (it may be an installer or an email message), which is not accepted.',
  );
}
