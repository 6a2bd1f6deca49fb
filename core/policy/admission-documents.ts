import type { FileSource } from '../files/file-source.ts';
import type { Finding } from '../findings.ts';
import { decodeText } from '../manifests/decode-text.ts';
import { isJsonObject } from '../manifests/json-value.ts';
import { parseYamlDocument } from '../manifests/parse-yaml-document.ts';
import { splitDocuments } from '../manifests/split-documents.ts';
import type { PolicyDocument } from './policy-context.ts';

const MANIFEST = /\.(ya?ml|json)$/;

async function filesUnder(files: FileSource, folder: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of (await files.listDirectory(folder)) ?? []) {
    const path = folder === '' ? entry.name : `${folder}/${entry.name}`;
    if (entry.type === 'directory') found.push(...(await filesUnder(files, path)));
    else if (entry.type === 'file' && MANIFEST.test(entry.name)) found.push(path);
  }
  return found.sort();
}

/**
 * The documents of the files and folders `policy.admissionPolicies` names (folders read with
 * every `.yaml`, `.yml` and `.json` file below them, in path order), for the admission policy
 * evaluator. A document that is not valid YAML is a `yaml-syntax` finding at its line; the other
 * documents are still read. Paths that do not exist are reported when the config is loaded.
 */
export async function loadAdmissionDocuments(
  files: FileSource,
  paths: readonly string[],
): Promise<{ documents: PolicyDocument[]; findings: Finding[] }> {
  const documents: PolicyDocument[] = [];
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const path of paths) {
    const listed = await files.listDirectory(path);
    const targets = listed === undefined ? [path] : await filesUnder(files, path);
    for (const file of targets) {
      if (seen.has(file)) continue;
      seen.add(file);
      const bytes = await files.readFile(file);
      if (bytes === undefined) continue;
      const decoded = decodeText(bytes);
      if (!decoded.ok) {
        findings.push({
          ruleId: 'unreadable-file',
          severity: 'error',
          message: decoded.message,
          path: file,
          line: decoded.line,
        });
        continue;
      }
      for (const span of splitDocuments(decoded.text)) {
        const text = decoded.text.slice(span.bodyStart, span.end);
        const parsed = parseYamlDocument(text, { uniqueKeys: false, firstLine: span.bodyLine });
        for (const problem of parsed.problems)
          findings.push({
            ruleId: 'yaml-syntax',
            severity: 'error',
            message: `${problem.message} (policy.admissionPolicies)`,
            path: file,
            line: problem.line,
            column: problem.column,
          });
        if (isJsonObject(parsed.value))
          documents.push({ path: file, line: span.bodyLine, object: parsed.value });
      }
    }
  }
  return { documents, findings };
}
