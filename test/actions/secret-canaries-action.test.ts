import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCheckInputs } from '../../platform/actions/check-inputs.ts';
import { runCheckAction } from '../../platform/actions/run-check-action.ts';
import { createFakeGitHubPort } from '../helpers/fake-github-port.ts';
import { BASE_SHA, checkDeps, inputs, pullRequestContext, tempDir } from './action-test-kit.ts';

/**
 * The check action on a pull request that adds Secrets whose values schema errors would quote (a
 * PEM key from a secretGenerator, a `data` value that is not base64): no log line, annotation,
 * output, job summary, SARIF file, comment or check run may hold any piece of them, with the
 * offline schemas or with a location template whose Secret schema quotes what it rejects.
 */
const PLAIN = 'hunter2-ACTION-CANARY-51c0';
const PEM = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({
  type: 'pkcs8',
  format: 'pem',
}) as string;
const PEM_BASE64 = Buffer.from(PEM).toString('base64');
const FORBIDDEN = [
  PLAIN,
  'ACTION-CANARY',
  Buffer.from(PLAIN).toString('base64'),
  PEM_BASE64.slice(0, 40),
  PEM_BASE64.slice(70, 110),
  ...PEM.split('\n').slice(1, 4),
];

function workspaceWithSecrets(): string {
  const workspace = tempDir();
  mkdirSync(join(workspace, 'envs/dev'), { recursive: true });
  writeFileSync(join(workspace, 'envs/dev/key.pem'), PEM);
  writeFileSync(
    join(workspace, 'envs/dev/plain.yaml'),
    `apiVersion: v1\nkind: Secret\nmetadata:\n  name: plain\ndata:\n  password: ${PLAIN}\n`,
  );
  writeFileSync(
    join(workspace, 'envs/dev/kustomization.yaml'),
    'resources:\n- plain.yaml\nsecretGenerator:\n- name: tls\n  files:\n  - key.pem\n',
  );
  return workspace;
}

function quotingSchemas(): string {
  const folder = tempDir('kubeproof-schemas-');
  writeFileSync(
    join(folder, 'secret.json'),
    JSON.stringify({
      type: 'object',
      properties: {
        data: {
          type: 'object',
          additionalProperties: { type: 'string', pattern: '^[A-Za-z0-9+/=\\r\\n]*$' },
        },
      },
    }),
  );
  return `${folder}/{{ .ResourceKind }}.json`;
}

describe('the check action never publishes a Secret value', () => {
  it.each([
    ['the offline schemas', () => 'offline'],
    ['a location template that quotes values', quotingSchemas],
  ])('with %s', async (_, locations) => {
    const workspace = workspaceWithSecrets();
    const port = createFakeGitHubPort({
      trees: { [`acme/gitops@${BASE_SHA}`]: {} },
      changedFiles: {
        'acme/gitops#42': ['envs/dev/key.pem', 'envs/dev/kustomization.yaml', 'envs/dev/plain.yaml'],
      },
    });
    const deps = checkDeps(pullRequestContext(workspace), port);
    const { failure } = await runCheckAction(
      parseCheckInputs(inputs({ 'github-token': 't', 'schema-locations': locations() })),
      deps,
    );
    // The plain value is not base64: an error, cited on its own line, without its value.
    expect(failure).toBeDefined();
    const published = JSON.stringify({
      log: deps.io.log,
      annotations: deps.io.annotations,
      outputs: deps.io.outputs,
      failed: deps.io.failed,
      summary: deps.io.summary,
      files: [...deps.io.files.values()],
      comments: [...port.comments.values()],
      checkRuns: port.checkRuns,
    });
    expect(published).toContain('envs/dev/plain.yaml');
    expect(published).toContain('(redacted)');
    for (const piece of FORBIDDEN) expect(published).not.toContain(JSON.stringify(piece).slice(1, -1));
  });
});
