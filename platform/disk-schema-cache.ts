import { createHash } from 'node:crypto';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { UsageError } from '../core/errors.ts';
import type { SchemaCache } from '../core/validate/schema-loader.ts';

/**
 * kubeconform's `-cache DIR`: one file per downloaded schema, named by the hex SHA-256 of its URL,
 * no expiry. The folder must exist. Only JSON bodies are stored (404s and failures never are).
 */
export async function openDiskSchemaCache(folder: string): Promise<SchemaCache> {
  let stats;
  try {
    stats = await stat(folder);
  } catch (error) {
    const code = (error as { code?: string }).code;
    const reason = code === 'ENOENT' ? 'no such file or directory' : (error as Error).message;
    throw new UsageError(`failed opening cache folder ${folder}: stat ${folder}: ${reason}`);
  }
  if (!stats.isDirectory()) throw new UsageError(`cache folder ${folder} is not a directory`);
  const fileFor = (url: string): string => join(folder, createHash('sha256').update(url).digest('hex'));
  return {
    async get(url) {
      try {
        return await readFile(fileFor(url), 'utf8');
      } catch {
        return undefined;
      }
    },
    async set(url, body) {
      // 'wx': never overwrite, as kubeconform (the first download wins).
      await writeFile(fileFor(url), body, { flag: 'wx', mode: 0o644 }).catch((error: { code?: string }) => {
        if (error.code !== 'EEXIST') throw error;
      });
    },
  };
}
