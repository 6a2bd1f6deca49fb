import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The entry file of each installed copy of `name` (any depth), by version, the shortest path first. */
function installedCopies(name) {
  const copies = new Map();
  const visit = (folder, depth) => {
    const modules = join(folder, 'node_modules');
    if (!existsSync(modules) || depth > 4) return;
    const own = join(modules, name, 'package.json');
    if (existsSync(own)) {
      const { version } = JSON.parse(readFileSync(own, 'utf8'));
      const entry = createRequire(own).resolve(name);
      const known = copies.get(version);
      if (
        known === undefined ||
        entry.length < known.length ||
        (entry.length === known.length && entry < known)
      )
        copies.set(version, entry);
    }
    for (const child of readdirSync(modules).sort()) {
      const scoped = child.startsWith('@')
        ? readdirSync(join(modules, child)).map((n) => join(child, n))
        : [child];
      for (const pkg of scoped) visit(join(modules, pkg), depth + 1);
    }
  };
  visit(fileURLToPath(new URL('..', import.meta.url)), 0);
  return copies;
}

/**
 * npm installs a copy of a package under each dependent whose range the top-level copy does not
 * satisfy (undici 6 under @actions/core, @actions/github and @actions/http-client beside our undici
 * 7): bundled as they are, the same code would be inlined three times. This plugin resolves every
 * bare import of such a package to one copy of the same version, chosen by path (deterministic).
 */
function dedupeSameVersion(names) {
  return {
    name: 'dedupe-same-version',
    setup(build) {
      const copies = new Map(names.map((name) => [name, installedCopies(name)]));
      const filter = new RegExp(`^(${names.join('|')})$`);
      build.onResolve({ filter }, (args) => {
        if (!args.importer) return undefined;
        const path = createRequire(args.importer).resolve(args.path);
        let root = dirname(path);
        while (!existsSync(join(root, 'package.json')) && dirname(root) !== root) root = dirname(root);
        const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
        return { path: copies.get(args.path)?.get(version) ?? path };
      });
    },
  };
}

/**
 * Project sources that load a CommonJS package through their own `createRequire(import.meta.url)`
 * (create-ajv.ts does, for ajv-draft-04) hide that `require` from esbuild, which then leaves the
 * package to be found at run time: fine for the CLI (an npm package with its dependencies), fatal
 * for an action (no node_modules on the runner). This plugin drops that local `require`, so the
 * calls use the bundle's own and the package is inlined.
 */
const LOCAL_REQUIRE = /^const require = createRequire\(import\.meta\.url\);$/m;
function inlineLocalRequires() {
  return {
    name: 'inline-local-requires',
    setup(build) {
      build.onLoad({ filter: /[\\/](core|platform)[\\/].*\.ts$/ }, (args) => {
        const contents = readFileSync(args.path, 'utf8');
        if (!LOCAL_REQUIRE.test(contents)) return undefined;
        return { contents: contents.replace(LOCAL_REQUIRE, ''), loader: 'ts' };
      });
    },
  };
}

/** esbuild options of every bundle. */
function commonOptions(outdir) {
  return {
    outdir,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    // The offline schemas are thousands of modules loaded one kind at a time: keep them a runtime
    // dependency. The Actions run without node_modules: there the import fails and is reported.
    // The Argo CD and Flux models (core/validate/gitops-schemas.ts) are loaded the same way.
    external: [
      'kubernetes-models',
      'kubernetes-models/*',
      '@kubernetes-models/argo-cd',
      '@kubernetes-models/argo-cd/*',
      '@kubernetes-models/flux-cd',
      '@kubernetes-models/flux-cd/*',
    ],
    banner: {
      js: "import { createRequire as __kpCreateRequire } from 'node:module'; const require = __kpCreateRequire(import.meta.url);",
    },
    legalComments: 'none',
    logLevel: 'warning',
  };
}

/** The CLI bundle, dist/kubeproof.js (the package's `bin`; its dependencies are installed beside it). */
export function buildOptions(outdir) {
  return { ...commonOptions(outdir), entryPoints: { kubeproof: 'cli/kubeproof.ts' } };
}

/**
 * One file per GitHub Action, dist/<name>.js: the runner runs `node dist/<name>.js` from a checkout
 * of this repository with no node_modules, so everything they import is inlined.
 */
export function actionBuildOptions(outdir) {
  return {
    ...commonOptions(outdir),
    entryPoints: {
      check: 'actions/check/main.ts',
      validate: 'actions/validate/main.ts',
      diff: 'actions/diff/main.ts',
      promote: 'actions/promote/main.ts',
    },
    plugins: [dedupeSameVersion(['undici']), inlineLocalRequires()],
  };
}

/**
 * The GitHub App's server, dist/bot.js (`npm run bot`): it runs where the package is installed, so
 * probot stays a runtime dependency (its pino transports and webhooks load their own files).
 */
export function botBuildOptions(outdir) {
  const common = commonOptions(outdir);
  return { ...common, entryPoints: { bot: 'bot/main.ts' }, external: [...common.external, 'probot'] };
}

/** Every bundle `npm run build` writes. */
export function allBuildOptions(outdir) {
  return [buildOptions(outdir), actionBuildOptions(outdir), botBuildOptions(outdir)];
}
