/**
 * Golden files: each test/fixtures/promote/<case>/ runs `kubeproof` over a copy of a repository
 * (`repo/`, or the `repo` of another case) and must write exactly the files in `expected/`, leave
 * every other byte alone, print `expected-output.txt` and exit as `case.json` says. Promoting
 * again must then find nothing to promote. `UPDATE_GOLDEN=1` rewrites the expected files (review
 * the diff before committing it).
 */
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../../cli/io.ts';
import { main } from '../../../cli/main.ts';

const fixtures = join(import.meta.dirname, '../../fixtures/promote');
const update = process.env['UPDATE_GOLDEN'] === '1';
const temporary: string[] = [];
afterAll(() => {
  for (const folder of temporary) rmSync(folder, { recursive: true, force: true });
});

interface Case {
  repo?: string;
  args: string[];
  exit: number;
}

function filesOf(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else out.push(relative(root, path).split('\\').join('/'));
    }
  };
  walk(root);
  return out.sort();
}

async function run(argv: string[], cwd: string) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    stdinIsTTY: true,
    env: {},
    cwd,
    now: () => 0,
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

const cases = readdirSync(fixtures).filter((name) => existsSync(join(fixtures, name, 'case.json')));

describe('promotion golden files', () => {
  it.each(cases)('%s', async (name) => {
    const folder = join(fixtures, name);
    const spec = JSON.parse(readFileSync(join(folder, 'case.json'), 'utf8')) as Case;
    const original = join(fixtures, spec.repo ?? name, 'repo');
    const work = mkdtempSync(join(tmpdir(), 'kubeproof-promote-'));
    temporary.push(work);
    cpSync(original, work, { recursive: true });

    const result = await run([...spec.args, '-C', work], work);
    const expectedDir = join(folder, 'expected');
    if (update) {
      rmSync(expectedDir, { recursive: true, force: true });
      for (const file of filesOf(work)) {
        const now = readFileSync(join(work, file));
        if (now.equals(readFileSync(join(original, file)))) continue;
        mkdirSync(dirname(join(expectedDir, file)), { recursive: true });
        writeFileSync(join(expectedDir, file), now);
      }
      writeFileSync(join(folder, 'expected-output.txt'), result.stdout);
    }

    expect(result.stderr).toBe('');
    expect(result.code).toBe(spec.exit);
    expect(result.stdout).toBe(readFileSync(join(folder, 'expected-output.txt'), 'utf8'));
    expect(filesOf(work)).toEqual(filesOf(original));
    for (const file of filesOf(work)) {
      const golden = join(expectedDir, file);
      const want = existsSync(golden) ? readFileSync(golden) : readFileSync(join(original, file));
      expect(readFileSync(join(work, file)).toString('latin1'), file).toBe(want.toString('latin1'));
    }
    if (spec.exit === 0 && !spec.args.includes('--dry-run')) {
      const again = await run([...spec.args, '-C', work], work);
      expect(again.code).toBe(0);
      expect(again.stdout).toMatch(/^nothing to (promote|bump)/);
      for (const file of filesOf(work)) {
        const golden = join(expectedDir, file);
        const want = existsSync(golden) ? readFileSync(golden) : readFileSync(join(original, file));
        expect(readFileSync(join(work, file)).equals(want), file).toBe(true);
      }
    }
  });
});
