/**
 * The promote benchmark: a repository of `apps` apps (apps/<app>/base plus envs/staging and
 * envs/prod overlays, each prod overlay one image behind), promoted staging -> prod by
 * `kubeproof promote` in this process (the command's `main`, from the sources: no bundle needed).
 * Checks that every prod kustomization changed by exactly one line, and prints the time.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CliIo } from '../cli/io.ts';
import { main } from '../cli/main.ts';

function writeRepo(root: string, apps: number): void {
  rmSync(root, { recursive: true, force: true });
  for (let i = 0; i < apps; i++) {
    const app = join(root, 'apps', `app-${i}`);
    mkdirSync(join(app, 'base'), { recursive: true });
    mkdirSync(join(app, 'envs', 'staging'), { recursive: true });
    mkdirSync(join(app, 'envs', 'prod'), { recursive: true });
    writeFileSync(join(app, 'base', 'kustomization.yaml'), 'resources:\n  - deployment.yaml\n');
    writeFileSync(
      join(app, 'base', 'deployment.yaml'),
      `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app-${i}\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: ghcr.io/acme/app-${i}:0.0.1\n`,
    );
    const overlay = (tag: string, note: string): string =>
      `# ${note}\nresources:\n  - ../../base\nimages:\n  - name: ghcr.io/acme/app-${i}\n    newTag: "${tag}" # set by CI\n  - name: ghcr.io/acme/sidecar\n    newTag: 2.0.0\n`;
    writeFileSync(join(app, 'envs', 'staging', 'kustomization.yaml'), overlay(`1.${i}.1`, 'staging'));
    writeFileSync(join(app, 'envs', 'prod', 'kustomization.yaml'), overlay(`1.${i}.0`, 'prod'));
  }
}

/** Runs the benchmark; returns the seconds the promotion took. */
export async function promoteBenchmark(data: string, apps = 500): Promise<number> {
  const root = join(data, `promote-${apps}`);
  writeRepo(root, apps);
  const before = Array.from({ length: apps }, (_, i) =>
    readFileSync(join(root, 'apps', `app-${i}`, 'envs', 'prod', 'kustomization.yaml'), 'utf8'),
  );
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    stdinIsTTY: true,
    env: {},
    cwd: root,
    now: () => performance.now(),
  };
  const started = performance.now();
  const code = await main(['promote', '--from', 'staging', '--to', 'prod', '-C', root], io);
  const seconds = (performance.now() - started) / 1000;
  let oneLine = 0;
  for (let i = 0; i < apps; i++) {
    const after = readFileSync(join(root, 'apps', `app-${i}`, 'envs', 'prod', 'kustomization.yaml'), 'utf8');
    const a = (before[i] as string).split('\n');
    const b = after.split('\n');
    if (a.length === b.length && a.filter((line, k) => line !== b[k]).length === 1) oneLine++;
  }
  const headline = stdout.split('\n')[0] ?? '';
  console.log(
    `${`promote ${apps} apps staging -> prod (one process)`.padEnd(60)} ${seconds.toFixed(2).padStart(6)} s  ` +
      `${oneLine}/${apps} files changed by one line  exit ${code}  (${headline})`,
  );
  if (stderr !== '' || oneLine !== apps) console.error(`  unexpected: ${stderr}`);
  return seconds;
}
