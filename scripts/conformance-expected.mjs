// Regenerates the expected output of test/fixtures/kustomize/conformance: for every case folder
// (one holding a case.json `{"build": "<folder>", "description": "..."}`) it runs
// `kubectl kustomize <build>` (kustomize v5.5.0) with the case folder as working directory and writes
// expected.yaml (stdout, byte for byte) or, when kustomize fails, expected-error.txt: its whole error
// message, every line (taken from kubectl's `"command failed" err="..."` line and unquoted, or from
// its multi-line `err=<` block), with the case's absolute path and then the repository's absolute
// path removed, so paths read relative to the case folder (or to the repository for a path outside
// the case). test/core/render/kustomize/conformance.test.ts compares it with kubeproof's message. The stale expected file of
// the other kind is deleted. A build taking more than 20 s (e.g. a remote resource without network)
// is recorded as the error `timeout`. Needs kubectl; not run in CI.
// Usage: node scripts/conformance-expected.mjs [case-name ...]
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CORPUS = join(ROOT, 'test/fixtures/kustomize/conformance');
const TIMEOUT_MS = 20_000;

/**
 * kubectl's klog line `... "command failed" err="<message>"` (unquoted), or its multi-line form
 * `err=<` followed by tab-indented lines and ` >`; other stderr as is.
 */
function errorMessage(stderr, caseDir) {
  const quoted = /err="((?:[^"\\]|\\.)*)"/.exec(stderr);
  const block = /err=<\n((?:\t.*\n)*) >/.exec(stderr);
  let text = stderr.trim();
  if (quoted !== null) {
    text = quoted[1].replace(/\\(["\\nt])/g, (_, c) => ({ '"': '"', '\\': '\\', n: '\n', t: '\t' })[c]);
  } else if (block !== null) {
    text = block[1].replace(/^\t/gm, '');
  }
  return text
    .trimEnd()
    .replaceAll(`${caseDir}/`, '')
    .replaceAll(caseDir, '.')
    .replaceAll(`${ROOT}/`, '')
    .replaceAll(ROOT, '.');
}

const only = process.argv.slice(2);
const cases = readdirSync(CORPUS, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(join(CORPUS, entry.name, 'case.json')))
  .map((entry) => entry.name)
  .filter((name) => only.length === 0 || only.includes(name))
  .sort();

let failures = 0;
for (const name of cases) {
  const caseDir = join(CORPUS, name);
  const { build } = JSON.parse(readFileSync(join(caseDir, 'case.json'), 'utf8'));
  const expected = join(caseDir, 'expected.yaml');
  const expectedError = join(caseDir, 'expected-error.txt');
  const result = spawnSync('kubectl', ['kustomize', build], {
    cwd: caseDir,
    encoding: 'utf8',
    timeout: TIMEOUT_MS,
    killSignal: 'SIGKILL',
  });
  if (result.error !== undefined && result.error.code !== 'ETIMEDOUT') throw result.error;
  if (result.status === 0) {
    writeFileSync(expected, result.stdout);
    rmSync(expectedError, { force: true });
    console.log(`${name}: ok`);
  } else {
    const message = result.error === undefined ? errorMessage(result.stderr, caseDir) : 'timeout';
    writeFileSync(expectedError, `${message}\n`);
    rmSync(expected, { force: true });
    failures += 1;
    console.log(`${name}: error: ${message}`);
  }
}
console.log(`${cases.length} cases, ${failures} expected errors`);
