// @ts-check
// An ESLint rule: every linted file, and every folder on its way from the project root, is named in
// kebab-case (`validate-manifests.ts`, `check-command.test.ts`), the project's file-name convention
// (docs/architecture.md). Dotted parts (`.test`, `.config`) are each checked; leading-dot folders
// (`.ci`) and dunder folders (`__snapshots__`, vitest's) are tools' names, not ours, and are skipped.
import { basename, dirname, relative, sep } from 'node:path';

const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** `fooBar_baz` -> `foo-bar-baz`: the name to suggest. */
function toKebab(part) {
  return part
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/[_\s]+/g, '-')
    .toLowerCase();
}

function isKebabFileName(name) {
  return name.split('.').every((part) => KEBAB.test(part));
}

function isToolFolder(name) {
  return name.startsWith('.') || /^__.+__$/.test(name);
}

/** @type {import('eslint').Rule.RuleModule} */
export const kebabCaseFileNames = {
  meta: {
    type: 'suggestion',
    docs: { description: 'File and folder names are kebab-case' },
    schema: [],
    messages: {
      file: "File name '{{name}}' is not kebab-case: rename it to '{{suggestion}}'.",
      folder: "Folder name '{{name}}' is not kebab-case: rename it to '{{suggestion}}'.",
    },
  },
  create(context) {
    const path = relative(context.cwd, context.filename);
    if (path.startsWith('..')) return {};
    const name = basename(path);
    const folders = dirname(path) === '.' ? [] : dirname(path).split(sep);
    return {
      Program(node) {
        for (const folder of folders) {
          if (isToolFolder(folder) || KEBAB.test(folder)) continue;
          const data = { name: folder, suggestion: toKebab(folder) };
          context.report({ node, messageId: 'folder', data });
        }
        if (!isKebabFileName(name)) {
          const suggestion = name.split('.').map(toKebab).join('.');
          context.report({ node, messageId: 'file', data: { name, suggestion } });
        }
      },
    };
  },
};
