import type { ValidationResult } from './result.ts';

function directoryOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash === -1 ? '.' : path.slice(0, slash);
}

function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash === -1 ? '' : apiVersion.slice(0, slash);
}

/**
 * Flags resources defined twice: same API group, kind, namespace and name (the version does not
 * matter, `apps/v1` and `apps/v1beta1` Deployments are the same object). `kubectl apply` would let
 * the second silently overwrite the first. Duplicates are looked for among the files of one folder
 * (and within one file), not across folders, because GitOps repositories hold the same resource
 * once per environment folder. Each duplicate after the first gets a warning naming the first.
 */
export function findDuplicates(results: readonly ValidationResult[]): void {
  const first = new Map<string, ValidationResult>();
  const directories = new Map<string, string>();
  for (const result of results) {
    if ((result.status !== 'valid' && result.status !== 'invalid') || !result.kind || !result.name) continue;
    if (result.name.endsWith('{{ generateName }}')) continue;
    let directory = directories.get(result.filename);
    if (directory === undefined) {
      directory = directoryOf(result.filename);
      directories.set(result.filename, directory);
    }
    const key = `${directory}\u0000${groupOf(result.apiVersion ?? '')}\u0000${result.kind}\u0000${result.namespace ?? ''}\u0000${result.name}`;
    const original = first.get(key);
    if (!original) {
      first.set(key, result);
      continue;
    }
    const where = `${original.filename}:${original.line}`;
    const id = `${result.kind} ${result.namespace ? `${result.namespace}/` : ''}${result.name}`;
    result.findings.push({
      ruleId: 'duplicate-resource',
      severity: 'warning',
      message: `duplicate resource: ${id} is already defined at ${where}; applying both keeps only the last one`,
      path: result.filename,
      line: result.line,
      resource: {
        apiVersion: result.apiVersion ?? '',
        kind: result.kind,
        name: result.name,
        ...(result.namespace ? { namespace: result.namespace } : {}),
      },
    });
  }
}
