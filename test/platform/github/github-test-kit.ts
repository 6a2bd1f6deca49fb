import { gzipSync } from 'node:zlib';
import { getOctokit } from '@actions/github';
import nock from 'nock';
import { afterEach, beforeAll, afterAll } from 'vitest';
import {
  createOctokitGitHubPort,
  type OctokitGitHubPortOptions,
} from '../../../platform/github/octokit-github-port.ts';

export const API = 'https://api.github.com';

/**
 * An Octokit as the Action builds it (`@actions/github`'s getOctokit). Its default fetch comes from
 * the undici package, which nock cannot see; the global fetch is the same client, and nock sees it.
 */
export function testOctokit(baseUrl = API) {
  return getOctokit('test-token', { baseUrl, request: { fetch: globalThis.fetch } });
}

/** The port over `testOctokit()`, with retries that do not wait; `sleeps` records the waits asked for. */
export function testPort(options: OctokitGitHubPortOptions & { baseUrl?: string } = {}) {
  const sleeps: number[] = [];
  const { baseUrl, ...rest } = options;
  const port = createOctokitGitHubPort(testOctokit(baseUrl), {
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    ...rest,
  });
  return { port, sleeps };
}

/** nock with no real network, checked clean after each test. */
export function useNock(): void {
  beforeAll(() => nock.disableNetConnect());
  afterEach(() => {
    const pending = nock.pendingMocks();
    nock.cleanAll();
    if (pending.length > 0) throw new Error(`unused HTTP mocks: ${pending.join(', ')}`);
  });
  afterAll(() => nock.enableNetConnect());
}

export type TarInput =
  | { type: 'file'; path: string; content: string | Uint8Array }
  | { type: 'directory'; path: string }
  | { type: 'symlink'; path: string; target: string }
  | { type: 'global-pax'; records: Record<string, string> };

const encoder = new TextEncoder();

function octal(value: number, length: number): string {
  return value.toString(8).padStart(length - 1, '0') + '\0';
}

function header(name: string, type: string, size: number, linkname = ''): Uint8Array {
  const block = new Uint8Array(512);
  const put = (text: string, offset: number, length: number) =>
    block.set(encoder.encode(text).subarray(0, length), offset);
  put(name, 0, 100);
  put(octal(type === '5' ? 0o755 : 0o644, 8), 100, 8);
  put(octal(0, 8), 108, 8);
  put(octal(0, 8), 116, 8);
  put(octal(size, 12), 124, 12);
  put(octal(0, 12), 136, 12);
  put(type, 156, 1);
  put(linkname, 157, 100);
  put('ustar\0', 257, 6);
  put('00', 263, 2);
  put('        ', 148, 8);
  const sum = block.reduce((total, byte) => total + byte, 0);
  put(octal(sum, 7) + ' ', 148, 8);
  return block;
}

function padded(data: Uint8Array): Uint8Array[] {
  const rest = data.length % 512;
  return rest === 0 ? [data] : [data, new Uint8Array(512 - rest)];
}

function paxData(records: Record<string, string>): Uint8Array {
  let text = '';
  for (const [key, value] of Object.entries(records)) {
    const body = ` ${key}=${value}\n`;
    let length = body.length + 1;
    while (String(length).length + encoder.encode(body).length !== length) length += 1;
    text += `${length}${body}`;
  }
  return encoder.encode(text);
}

/**
 * A `.tar.gz` as `git archive` writes it: names past 100 bytes and long link targets in a pax
 * extended header before their entry, a global pax header with the commit first when asked.
 */
export function tarGz(entries: TarInput[]): Uint8Array {
  const blocks: Uint8Array[] = [];
  for (const entry of entries) {
    if (entry.type === 'global-pax') {
      const data = paxData(entry.records);
      blocks.push(header('pax_global_header', 'g', data.length), ...padded(data));
      continue;
    }
    const long: Record<string, string> = {};
    if (encoder.encode(entry.path).length > 100) long['path'] = entry.path;
    if (entry.type === 'symlink' && encoder.encode(entry.target).length > 100)
      long['linkpath'] = entry.target;
    if (Object.keys(long).length > 0) {
      const data = paxData(long);
      blocks.push(header('PaxHeader', 'x', data.length), ...padded(data));
    }
    const name = entry.path.slice(0, 100);
    if (entry.type === 'file') {
      const content = typeof entry.content === 'string' ? encoder.encode(entry.content) : entry.content;
      blocks.push(header(name, '0', content.length), ...padded(content));
    } else if (entry.type === 'directory') blocks.push(header(name, '5', 0));
    else blocks.push(header(name, '2', 0, entry.target.slice(0, 100)));
  }
  blocks.push(new Uint8Array(1024));
  return gzipSync(Buffer.concat(blocks));
}
