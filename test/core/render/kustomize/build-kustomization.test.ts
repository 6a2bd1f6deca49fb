import { describe, expect, it } from 'vitest';
import { buildKustomization } from '../../../../core/render/kustomize/build-kustomization.ts';
import { memoryFileSource } from '../../../../core/files/file-source.ts';

const CM = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\ndata:\n  a: "1"\n';

async function build(files: Record<string, string | Uint8Array>, dir = 'env') {
  return buildKustomization(memoryFileSource(files), dir);
}

describe('buildKustomization: what it refuses, and where it says so', () => {
  it.each([
    ['helmCharts', 'helmCharts:\n- name: redis\n', 'kustomize-unsupported', 1, /unsupported: helmCharts/],
    ['vars', 'vars:\n- name: X\n', 'kustomize-unsupported', 1, /vars are deprecated/],
    [
      'a remote base',
      'resources:\n- cm.yaml\n- github.com/org/repo//base?ref=v1\n',
      'kustomize-remote',
      3,
      /never fetches/,
    ],
    [
      'a path leaving the repository',
      'resources:\n- ../../../x.yaml\n',
      'kustomize-path-escape',
      2,
      /leaves the repository/,
    ],
    [
      'a file outside the kustomization folder',
      'resources:\n- ../shared/cm.yaml\n',
      'kustomize-path-escape',
      2,
      /not in or below env/,
    ],
    ['a missing file', 'resources:\n- nope.yaml\n', 'kustomize-build', 2, /does not exist/],
    [
      'an external plugin',
      'transformers:\n- |\n  apiVersion: example.com/v1\n  kind: Custom\n  metadata:\n    name: x\n',
      'kustomize-unsupported',
      2,
      /plugin example.com\/v1\/Custom/,
    ],
    ['an unknown field', 'resource:\n- cm.yaml\n', 'kustomization', 1, /unknown field "resource"/],
  ])('refuses %s with a finding on the line', async (_name, kustomization, ruleId, line, message) => {
    const result = await build({
      'env/kustomization.yaml': kustomization,
      'env/cm.yaml': CM,
      'shared/cm.yaml': CM,
    });
    expect(result.ok).toBe(false);
    expect(result.yaml).toBe('');
    const finding = result.findings.find((f) => f.severity === 'error');
    expect(finding).toMatchObject({ ruleId, path: 'env/kustomization.yaml', line });
    expect(finding?.message).toMatch(message);
  });

  it('points at the line of a YAML error inside a resource file', async () => {
    const result = await build({
      'env/kustomization.yaml': 'resources:\n- cm.yaml\n',
      'env/cm.yaml': `${CM}---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n  labels: [unclosed\n`,
    });
    expect(result.ok).toBe(false);
    // The parser notices the unclosed flow sequence where the file ends.
    expect(result.findings[0]).toMatchObject({ path: 'env/cm.yaml', line: 13 });
    expect(result.findings[0]?.message).toMatch(/invalid YAML/);
  });

  it('stops an alias bomb in a resource file', async () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++)
      bomb.push(
        `l${i}: &l${i} [${Array(10)
          .fill(i === 1 ? '*a' : `*l${i - 1}`)
          .join(',')}]`,
      );
    const result = await build({
      'env/kustomization.yaml': 'resources:\n- bomb.yaml\n',
      'env/bomb.yaml': `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bomb\ndata:\n${bomb.map((l) => `  ${l}`).join('\n')}\n`,
    });
    expect(result.ok).toBe(false);
    expect(result.findings[0]?.path).toBe('env/bomb.yaml');
  });

  it('refuses a binary file and a resource without a name', async () => {
    const binary = await build({
      'env/kustomization.yaml': 'resources:\n- blob.yaml\n',
      'env/blob.yaml': new Uint8Array([0x61, 0, 0x62]),
    });
    expect(binary.findings[0]).toMatchObject({ path: 'env/blob.yaml', line: 1 });
    const nameless = await build({
      'env/kustomization.yaml': 'resources:\n- cm.yaml\n',
      'env/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\n',
    });
    expect(nameless.findings[0]?.message).toMatch(/missing metadata.name/);
  });

  it('refuses a cycle of kustomizations', async () => {
    const result = await build({
      'env/kustomization.yaml': 'resources:\n- ../base\n',
      'base/kustomization.yaml': 'resources:\n- ../env\n',
    });
    expect(result.ok).toBe(false);
    expect(result.findings[0]?.message).toMatch(/cycle: env -> base -> env/);
  });

  it('refuses two resources with one id, naming both places', async () => {
    const result = await build({
      'env/kustomization.yaml': 'resources:\n- a.yaml\n- b.yaml\n',
      'env/a.yaml': CM,
      'env/b.yaml': CM,
    });
    expect(result.findings[0]).toMatchObject({ path: 'env/kustomization.yaml', line: 3 });
    expect(result.findings[0]?.message).toMatch(
      /ConfigMap app \(env\/b.yaml:1\) has the same id as the one from env\/a.yaml:1/,
    );
  });

  it('keeps where each resource came from', async () => {
    const result = await build({
      'env/kustomization.yaml': 'resources:\n- ../base\nnamePrefix: dev-\n',
      'base/kustomization.yaml': 'resources:\n- cm.yaml\n',
      'base/cm.yaml': `# a comment\n---\n${CM}`,
    });
    expect(result.ok).toBe(true);
    expect(result.resources.map((r) => [r.object['metadata'], r.origin])).toEqual([
      [{ name: 'dev-app' }, { path: 'base/cm.yaml', line: 3 }],
    ]);
  });
});

describe('buildKustomization: secrets in generator errors', () => {
  const CANARY = 'CANARY-7c1d9e0f';

  it('does not echo a literal that lacks its key, nor the other literals', async () => {
    const result = await build({
      'env/kustomization.yaml': `secretGenerator:\n- name: db\n  literals:\n  - user=app-${CANARY}\n  - ${CANARY}\n`,
    });
    expect(result.ok).toBe(false);
    expect(result.findings[0]?.message).toMatch(/literal source 2 of 2: invalid literal source \(no "="/);
    expect(JSON.stringify(result)).not.toContain(CANARY);
  });

  it('does not echo a line of an env file that is not UTF-8', async () => {
    const bytes = new Uint8Array([...new TextEncoder().encode(`A=1\nTOKEN=${CANARY}`), 0xff, 0x0a]);
    const result = await build({
      'env/kustomization.yaml': 'secretGenerator:\n- name: db\n  envs:\n  - secret.env\n',
      'env/secret.env': bytes,
    });
    expect(result.ok).toBe(false);
    expect(result.findings[0]?.message).toMatch(/line 2 has invalid UTF-8 bytes/);
    expect(JSON.stringify(result)).not.toContain(CANARY);
  });
});
