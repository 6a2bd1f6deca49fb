import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeGitHubServer, type FakeGitHubServer } from '../helpers/fake-github-server.ts';
import { runActionProcess } from '../helpers/run-action-process.ts';
import { TEST_ACTIONS_DIR } from '../global-setup.ts';
import { TEST_SCHEMA_LOCATIONS, renderedWorkspace } from './action-test-kit.ts';
import { pullRequestPayload } from './pull-request-payload.ts';

const servers: FakeGitHubServer[] = [];
const runners: string[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
  for (const dir of runners.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function validate(inputs: Record<string, string>, workspace = renderedWorkspace()) {
  const server = await startFakeGitHubServer({ owner: 'acme', repo: 'gitops' });
  servers.push(server);
  const run = await runActionProcess({
    script: join(TEST_ACTIONS_DIR, 'validate.js'),
    actionYml: 'actions/validate/action.yml',
    workspace,
    apiUrl: server.url,
    event: pullRequestPayload({ number: 42, headSha: 'a'.repeat(40), baseSha: 'b'.repeat(40) }),
    inputs: {
      'schema-locations': TEST_SCHEMA_LOCATIONS,
      'ignore-filename-pattern': 'kustomization',
      ...inputs,
    },
  });
  runners.push(dirname(run.runnerTemp));
  return { run, server };
}

describe('dist/validate.js as the runner runs it', () => {
  it('validates like kubeconform, annotates, writes the summary and SARIF, and makes no API call', async () => {
    const { run, server } = await validate({ files: 'rendered' });

    expect(run.code).toBe(1);
    expect(server.calls).toEqual([]);
    expect(run.stdout).toContain(
      'Summary: 2 resources found in 2 files - Valid: 1, Invalid: 1, Errors: 0, Skipped: 0',
    );
    expect(run.stdout).toMatch(/^::error file=rendered\/prod\.yaml,line=8,col=\d+,title=kubeproof schema::/m);
    expect(run.stdout).toMatch(/^::error::kubeproof found 1 error and 0 warnings \(fail-on: error\)/m);
    expect(run.outputs).toEqual({
      resources: '2',
      errors: '1',
      warnings: '0',
      'sarif-file': join(run.runnerTemp, 'kubeproof-validate.sarif'),
    });
    const sarif = JSON.parse(readFileSync(run.outputs['sarif-file'] as string, 'utf8'));
    expect(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe(
      'rendered/prod.yaml',
    );
    expect(run.summary).toContain('| 2 | 2 | 1 | 1 | 0 | 0 |');
  });

  it('passes on valid files', async () => {
    const { run } = await validate({ files: 'rendered/dev.yaml' });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.outputs['errors']).toBe('0');
  });

  it('reports documents nested 10,000 levels deep as errors on their files and still validates the others', async () => {
    const workspace = renderedWorkspace();
    const header = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: deep\ndata:\n  x: ';
    writeFileSync(
      join(workspace, 'rendered', 'deep.yaml'),
      `${header}${'['.repeat(10_000)}${']'.repeat(10_000)}\n`,
    );
    writeFileSync(
      join(workspace, 'rendered', 'deep.json'),
      `{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"j"},"data":{"x":${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}}}`,
    );

    const { run } = await validate({ files: 'rendered' }, workspace);

    expect(run.code).toBe(1);
    expect(run.stderr).not.toMatch(/Maximum call stack|\n\s+at /);
    expect(run.stdout).toContain(
      'Summary: 4 resources found in 4 files - Valid: 1, Invalid: 1, Errors: 2, Skipped: 0',
    );
    expect(run.stdout).toMatch(
      /^::error file=rendered\/deep\.yaml,line=6,col=\d+,title=kubeproof yaml-syntax::.*nest deeper than 512 levels/m,
    );
    expect(run.stdout).toMatch(
      /^::error file=rendered\/deep\.json,line=1,col=\d+,title=kubeproof yaml-syntax::.*nest deeper than 512 levels/m,
    );
    expect(run.outputs).toMatchObject({ resources: '4', errors: '3' });
  });

  it('names the input when an input is invalid', async () => {
    const { run } = await validate({ strict: 'maybe' });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('::error::input strict must be true or false, got "maybe"');
  });
});
