import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { KubeproofError } from '../../core/errors.ts';

/** A tarball could not be read: not gzip, or not a tar archive we understand. */
export class TarballError extends KubeproofError {
  override name = 'TarballError';
}

/** Unpacked bytes of a tarball read at most: it is held in memory (a GitOps repository is far smaller). */
export const DEFAULT_MAX_TARBALL_BYTES = 512 * 1024 * 1024;

/** A tarball over the limit: an error that says so (the callers add which one and what to do). */
export class TarballTooLargeError extends TarballError {
  override name = 'TarballTooLargeError';
}

function tooLarge(maxBytes: number): TarballTooLargeError {
  const size =
    maxBytes >= 1024 * 1024
      ? `${Math.round(maxBytes / 1024 / 1024)} MiB`
      : `${Math.round(maxBytes / 1024)} KiB`;
  return new TarballTooLargeError(`it unpacks to more than ${size}`);
}

export type TarEntry =
  | { type: 'file'; path: string; content: Uint8Array }
  | { type: 'directory'; path: string }
  | { type: 'symlink'; path: string; target: string }
  | { type: 'hardlink'; path: string; target: string };

const BLOCK = 512;
const decoder = new TextDecoder();

function text(block: Uint8Array, start: number, length: number): string {
  const field = block.subarray(start, start + length);
  const end = field.indexOf(0);
  return decoder.decode(end === -1 ? field : field.subarray(0, end));
}

/** A numeric header field: octal text, or base-256 when the high bit of its first byte is set (GNU, star). */
function number(block: Uint8Array, start: number, length: number): number {
  if ((block[start] ?? 0) & 0x80) {
    let value = (block[start] ?? 0) & 0x7f;
    for (let i = start + 1; i < start + length; i++) value = value * 256 + (block[i] ?? 0);
    return value;
  }
  const digits = text(block, start, length).trim();
  return digits === '' ? 0 : parseInt(digits, 8);
}

/** The records of a pax extended header: `"%d %s=%s\n"`, the length counting the whole record. */
function paxRecords(data: Uint8Array): Map<string, string> {
  const records = new Map<string, string>();
  let offset = 0;
  while (offset < data.length) {
    const space = data.indexOf(0x20, offset);
    if (space === -1) break;
    const length = parseInt(decoder.decode(data.subarray(offset, space)), 10);
    if (!Number.isInteger(length) || length <= 0) break;
    const record = decoder.decode(data.subarray(space + 1, offset + length - 1));
    const equals = record.indexOf('=');
    if (equals !== -1) records.set(record.slice(0, equals), record.slice(equals + 1));
    offset += length;
  }
  return records;
}

function checksumOk(block: Uint8Array): boolean {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : (block[i] ?? 0);
  return sum === number(block, 148, 8);
}

/**
 * The entries of a `.tar.gz`, read in memory: ustar headers with their `prefix`, pax extended
 * headers (`path`, `linkpath`, `size`; global ones are skipped) and GNU long names. `git archive`,
 * which makes GitHub's tarballs, writes pax headers for long paths and link targets.
 */
export async function readTarball(
  gzipped: Uint8Array,
  options: { maxBytes?: number } = {},
): Promise<TarEntry[]> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_TARBALL_BYTES;
  if (gzipped.length > maxBytes) throw tooLarge(maxBytes);
  let tar: Buffer;
  try {
    tar = await promisify(gunzip)(gzipped, { maxOutputLength: maxBytes });
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge(maxBytes);
    throw new TarballError(`the tarball is not gzip data: ${(error as Error).message}`);
  }
  const entries: TarEntry[] = [];
  let pax = new Map<string, string>();
  let longName: string | undefined;
  let longLink: string | undefined;
  let offset = 0;
  while (offset + BLOCK <= tar.length) {
    const header = tar.subarray(offset, offset + BLOCK);
    if (header.every((byte) => byte === 0)) break;
    if (!checksumOk(header)) throw new TarballError(`bad tar header checksum at byte ${offset}`);
    const type = String.fromCharCode(header[156] ?? 0);
    const size = Number(pax.get('size') ?? number(header, 124, 12));
    const data = tar.subarray(offset + BLOCK, offset + BLOCK + size);
    if (data.length < size) throw new TarballError(`the tarball ends inside an entry at byte ${offset}`);
    offset += BLOCK + Math.ceil(size / BLOCK) * BLOCK;

    if (type === 'x') {
      pax = paxRecords(data);
      continue;
    }
    if (type === 'g') continue;
    if (type === 'L' || type === 'K') {
      const value = text(data, 0, data.length);
      if (type === 'L') longName = value;
      else longLink = value;
      continue;
    }
    const prefix = text(header, 345, 155);
    const name = text(header, 0, 100);
    const path = pax.get('path') ?? longName ?? (prefix === '' ? name : `${prefix}/${name}`);
    const target = pax.get('linkpath') ?? longLink ?? text(header, 157, 100);
    pax = new Map();
    longName = undefined;
    longLink = undefined;
    if (type === '0' || type === '\0' || type === '7')
      entries.push({ type: 'file', path, content: new Uint8Array(data) });
    else if (type === '5') entries.push({ type: 'directory', path });
    else if (type === '2') entries.push({ type: 'symlink', path, target });
    else if (type === '1') entries.push({ type: 'hardlink', path, target });
    // Devices, fifos and other kinds are not repository content: skipped.
  }
  return entries;
}
