// Compares the built-in kustomize engine with `kubectl kustomize` (or `kustomize build`) on every
// kustomization under the given folders: identical, different, unsupported (the built-in engine
// refused a feature it does not implement), and failing in both (with --show-errors, both messages
// side by side; the checked-in corpora compare them in test/core/render/kustomize/conformance.test.ts).
// Usage: npm run conformance -- DIR... [--kustomize kustomize|kubectl] [--show-diff] [--show-errors]
import { execFile } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { promisify } from 'node:util';
import { buildKustomization } from '../core/render/kustomize/build-kustomization.ts';
import { KUSTOMIZATION_FILE_NAMES } from '../core/render/kustomize/read-kustomization.ts';
import { repositoryRoot } from '../cli/repository-root.ts';
import { diskFileSource } from '../platform/disk-file-source.ts';

const run = promisify(execFile);
const args = process.argv.slice(2);
const showDiff = args.includes('--show-diff');
const showErrors = args.includes('--show-errors');
const tool = args.includes('--kustomize') ? args[args.indexOf('--kustomize') + 1] : 'kubectl';
const folders = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--kustomize');
if (folders.length === 0) {
  console.error(
    'usage: npm run conformance -- DIR... [--kustomize kustomize|kubectl] [--show-diff] [--show-errors]',
  );
  process.exit(2);
}

async function kustomizations(dir: string, found: string[] = []): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  if (entries.some((e) => e.isFile() && (KUSTOMIZATION_FILE_NAMES as readonly string[]).includes(e.name)))
    found.push(dir);
  for (const entry of entries)
    if (entry.isDirectory() && entry.name !== '.git' && entry.name !== 'node_modules')
      await kustomizations(join(dir, entry.name), found);
  return found;
}

async function reference(dir: string): Promise<{ ok: boolean; text: string }> {
  const argv = tool === 'kustomize' ? ['build', dir] : ['kustomize', dir];
  try {
    const { stdout } = await run(tool as string, argv, { maxBuffer: 1 << 28, timeout: 60_000 });
    return { ok: true, text: stdout };
  } catch (error) {
    return { ok: false, text: String((error as { stderr?: string }).stderr ?? error).split('\n')[0] ?? '' };
  }
}

const counts = {
  identical: 0,
  different: 0,
  unsupported: 0,
  bothFail: 0,
  onlyKustomizeFails: 0,
  onlyBuiltinFails: 0,
};
let builtinMs = 0;
let referenceMs = 0;
for (const folder of folders) {
  for (const dir of await kustomizations(resolve(folder))) {
    const root = repositoryRoot(dir, process.cwd());
    const name = relative(process.cwd(), dir) || '.';
    let started = performance.now();
    const ours = await buildKustomization(
      await diskFileSource(root),
      relative(root, dir).split(sep).join('/'),
    );
    builtinMs += performance.now() - started;
    started = performance.now();
    const theirs = await reference(dir);
    referenceMs += performance.now() - started;
    const error = ours.findings.find((f) => f.severity === 'error');
    let verdict: keyof typeof counts;
    if (!ours.ok && error?.ruleId === 'kustomize-unsupported') verdict = 'unsupported';
    else if (!ours.ok && !theirs.ok) verdict = 'bothFail';
    else if (!ours.ok) verdict = 'onlyBuiltinFails';
    else if (!theirs.ok) verdict = 'onlyKustomizeFails';
    else verdict = ours.yaml === theirs.text ? 'identical' : 'different';
    counts[verdict]++;
    if (verdict === 'bothFail' && showErrors)
      console.log(
        `${'bothFail'.padEnd(18)} ${name}\n  built-in:  ${error?.message ?? ''}\n  kustomize: ${theirs.text}`,
      );
    if (verdict !== 'identical' && verdict !== 'bothFail') {
      console.log(
        `${verdict.padEnd(18)} ${name}${error ? `  (${error.path}:${error.line ?? ''} ${error.message})` : ''}`,
      );
      if (!theirs.ok) console.log(`${''.padEnd(18)} kustomize: ${theirs.text}`);
      if (showDiff && verdict === 'different') {
        const a = ours.yaml.split('\n');
        const b = theirs.text.split('\n');
        const at = a.findIndex((line, i) => line !== b[i]);
        console.log(`  first difference at line ${at + 1}:\n  built-in:  ${a[at]}\n  kustomize: ${b[at]}`);
      }
    }
  }
}
console.log(
  `\nidentical ${counts.identical}, different ${counts.different}, unsupported ${counts.unsupported}, ` +
    `failing in both ${counts.bothFail}, only kustomize fails ${counts.onlyKustomizeFails}, only built-in fails ${counts.onlyBuiltinFails}`,
);
console.log(`time: built-in ${Math.round(builtinMs)} ms, ${tool} ${Math.round(referenceMs)} ms`);
process.exitCode = counts.different + counts.onlyBuiltinFails + counts.onlyKustomizeFails > 0 ? 1 : 0;
