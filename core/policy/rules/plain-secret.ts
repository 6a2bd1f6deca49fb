import { isJsonObject } from '../../manifests/json-value.ts';
import type { PolicyContext, PolicyHit } from '../policy-context.ts';
import { resourceName } from '../pod-specs.ts';

/**
 * `plain-secret`: a `Secret` whose `data` or `stringData` holds keys, rendered from the repository:
 * its values are in Git as plain text (base64 is not encryption). A SOPS-encrypted file keeps its
 * `sops:` mapping beside the data and is left out; a SealedSecret or an ExternalSecret is not a
 * Secret. The message counts keys and never quotes them or their values.
 */
export function plainSecret(context: PolicyContext): PolicyHit[] {
  const hits: PolicyHit[] = [];
  context.resources.forEach(({ object }, index) => {
    if (object['kind'] !== 'Secret' || object['apiVersion'] !== 'v1') return;
    if (isJsonObject(object['sops'])) return;
    const fields = (['data', 'stringData'] as const).filter(
      (field) => isJsonObject(object[field]) && Object.keys(object[field]).length > 0,
    );
    const [first] = fields;
    if (first === undefined) return;
    const keys = fields.reduce((total, field) => total + Object.keys(object[field] as object).length, 0);
    hits.push({
      ruleId: 'plain-secret',
      resource: index,
      pointer: `/${first}`,
      message: `Secret ${resourceName(object).name} holds ${keys} ${keys === 1 ? 'value' : 'values'} in plain text in the repository: encrypt it (SealedSecret, SOPS) or use a secret store`,
    });
  });
  return hits;
}
