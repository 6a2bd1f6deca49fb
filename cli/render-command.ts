import { mkdir, writeFile } from 'node:fs/promises';
import { basename, dirname, relative, resolve, sep } from 'node:path';
import { UsageError } from '../core/errors.ts';
import type { Finding } from '../core/findings.ts';
import { createBuildCache, type BuildCache } from '../core/render/kustomize/build-context.ts';
import { buildKustomization, type KustomizeBuild } from '../core/render/kustomize/build-kustomization.ts';
import type { FileSource } from '../core/files/file-source.ts';
import { diskFileSource } from '../platform/disk-file-source.ts';
import { flagReader, formatFlagHelp, parseFlags, type FlagSpec } from './flags.ts';
import { formatFinding } from './format-finding.ts';
import type { CliIo } from './io.ts';
import { existingFolder, renderRoot, type Root } from './repository-root.ts';

/** How many folders build at once. */
const CONCURRENCY = 8;

export const RENDER_FLAGS: readonly FlagSpec[] = [
  { name: 'h', kind: 'bool', usage: 'show help information' },
  {
    name: 'out-dir',
    kind: 'string',
    typeName: 'string',
    usage:
      "write each folder's output to OUT/<folder relative to the current directory>.yaml instead of printing it",
  },
  {
    name: 'root',
    kind: 'string',
    typeName: 'string',
    usage:
      'the folder files may be read from (default: the git work tree holding DIR; outside git, the folder holding everything the kustomization references)',
  },
];

const USAGE = `Usage: kubeproof render [OPTION]... DIR...

Renders each kustomization folder exactly as 'kubectl kustomize DIR' (kustomize v5.5.0) prints it,
in-process, without a cluster, a binary or the network. Several folders render in one process.
Exit code 1 when a folder could not be rendered (the reason goes to stderr with file and line).
Files are read from the git work tree holding DIR (outside git, from the folder holding everything
the kustomization references), or from -root.

`;

const LEAVES_ROOT = /leaves the repository|outside the repository/;

/** A refusal for leaving the root names the root used, and how to widen it. */
function withRoot(finding: Finding, root: Root): Finding {
  if (finding.ruleId !== 'kustomize-path-escape' || !LEAVES_ROOT.test(finding.message)) return finding;
  return {
    ...finding,
    message: `${finding.message} (root ${root.root}: ${root.how}; give -root to read from a wider folder)`,
  };
}

/** `kubeproof render`'s flags and folders, parsed. */
export interface RenderOptions {
  help: boolean;
  outDir: string | undefined;
  root: string | undefined;
  folders: string[];
}

/** Parses `kubeproof render` arguments; a UsageError for an unknown or incomplete flag. */
export function parseRenderOptions(argv: readonly string[]): RenderOptions {
  const { values, args } = parseFlags(RENDER_FLAGS, argv, { interspersed: true });
  const flags = flagReader(values);
  return {
    help: flags.bool('h') === true,
    outDir: flags.string('out-dir'),
    root: flags.string('root'),
    folders: args,
  };
}

/** `kubeproof render DIR... [-out-dir OUT]`. */
export async function runRender(argv: readonly string[], io: CliIo): Promise<number> {
  const options = parseRenderOptions(argv);
  const { outDir, folders: args } = options;
  if (options.help) {
    io.stdout(`${USAGE}${formatFlagHelp(RENDER_FLAGS)}`);
    return 0;
  }
  if (args.length === 0) {
    io.stderr(`kubeproof render: give at least one folder\n\n${USAGE}`);
    return 1;
  }
  const sources = new Map<string, FileSource>();
  const caches = new Map<string, BuildCache>();
  const cacheFor = (root: string): BuildCache => {
    let cache = caches.get(root);
    if (cache === undefined) {
      cache = createBuildCache();
      caches.set(root, cache);
    }
    return cache;
  };
  // Builds overlap (one waits on the disk while another computes); output keeps the folders' order.
  const jobs: { folder: string; root: Root; files: FileSource; dir: string }[] = [];
  let missing = 0;
  for (const arg of args) {
    let folder: string;
    let found: Root;
    try {
      folder = existingFolder(io.cwd, arg);
      found = await renderRoot(folder, io.cwd, options.root);
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      // One line, and the other folders still render.
      io.stderr(`kubeproof render: ${error.message}\n`);
      missing++;
      continue;
    }
    const root = found.root;
    let files = sources.get(root);
    if (files === undefined) {
      files = await diskFileSource(root);
      sources.set(root, files);
    }
    jobs.push({ folder, root: found, files, dir: relative(root, folder).split(sep).join('/') });
  }
  const builds: KustomizeBuild[] = new Array(jobs.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let index = next++; index < jobs.length; index = next++) {
      const job = jobs[index] as (typeof jobs)[number];
      const build = await buildKustomization(job.files, job.dir, { cache: cacheFor(job.root.root) });
      builds[index] = build;
      if (outDir === undefined || !build.ok) continue;
      const name = relative(io.cwd, job.folder).split(sep).join('/') || basename(job.folder);
      const target = `${resolve(io.cwd, outDir, name)}.yaml`;
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, build.yaml);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, jobs.length) }, worker));
  let failed = missing;
  builds.forEach((build, index) => {
    const job = jobs[index] as (typeof jobs)[number];
    for (const finding of build.findings)
      io.stderr(formatFinding(withRoot(finding, job.root), job.root.root, io.cwd));
    if (!build.ok) failed++;
    else if (outDir === undefined) io.stdout(build.yaml);
  });
  if (failed > 0)
    io.stderr(`kubeproof render: ${failed} of ${args.length} folder(s) could not be rendered\n`);
  return failed > 0 ? 1 : 0;
}
