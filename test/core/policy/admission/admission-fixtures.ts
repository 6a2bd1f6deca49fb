import { parseAllDocuments } from 'yaml';
import type { JsonObject } from '../../../../core/manifests/json-value.ts';
import type { RenderedResource } from '../../../../core/render/kustomize/build-kustomization.ts';

/** The documents of a YAML stream, each with the line it starts on (as the policy files give them). */
export function docs(path: string, text: string): { path: string; line: number; object: JsonObject }[] {
  return parseAllDocuments(text).map((document) => {
    const offset = document.contents?.range?.[0] ?? document.range[0];
    const line = text.slice(0, offset).split('\n').length;
    return { path, line, object: document.toJS() as JsonObject };
  });
}

/** Rendered resources from a YAML stream. */
export function rendered(path: string, text: string): RenderedResource[] {
  return docs(path, text).map(({ object, line }) => ({ object, origin: { path, line } }));
}
