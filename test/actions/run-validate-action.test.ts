import { readdirSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runValidateAction } from '../../platform/actions/run-validate-action.ts';
import { parseValidateInputs } from '../../platform/actions/validate-inputs.ts';
import { createValidationDeps } from '../../platform/validation-setup.ts';
import {
  TEST_SCHEMA_LOCATIONS,
  inputs,
  pullRequestContext,
  recordingIo,
  renderedWorkspace,
} from './action-test-kit.ts';

function deps(workspace: string) {
  return {
    io: recordingIo(),
    context: pullRequestContext(workspace),
    createValidationDeps,
    fetch: { insecureSkipTlsVerify: false, proxyEnv: {} },
    now: () => 0,
  };
}

const validateInputs = (extra: Record<string, string> = {}) =>
  parseValidateInputs(
    inputs({
      files: 'rendered',
      'schema-locations': TEST_SCHEMA_LOCATIONS,
      'ignore-filename-pattern': 'kustomization\\.yaml$',
      ...extra,
    }),
  );

describe('the validate action run()', () => {
  it('prints kubeconform output, annotates the file and line, fails with the count', async () => {
    const workspace = renderedWorkspace();
    const d = deps(workspace);

    const { failure } = await runValidateAction(validateInputs(), d);

    expect(d.io.log[0]?.split('\n')).toEqual([
      expect.stringMatching(
        /^rendered\/prod\.yaml - Deployment web is invalid: .* at '\/spec\/replicas': got string, want null or integer$/,
      ),
      'Summary: 2 resources found in 2 files - Valid: 1, Invalid: 1, Errors: 0, Skipped: 0',
    ]);
    expect(d.io.log.join('\n')).toMatch(
      /^::error file=rendered\/prod\.yaml,line=8,col=\d+,title=kubeproof schema::/m,
    );
    expect(d.io.outputs).toEqual({
      resources: '2',
      errors: '1',
      warnings: '0',
      'sarif-file': join(d.context.runnerTemp, 'kubeproof-validate.sarif'),
    });
    expect(failure).toMatch(/^kubeproof found 1 error and 0 warnings \(fail-on: error\)/);
    expect(d.io.failed).toEqual([failure]);
    expect(d.io.summary).toContain('| 2 | 2 | 1 | 1 | 0 | 0 |');
    expect(d.io.summary).toContain('| ❌ | `rendered/prod.yaml:8` | `schema` |');
    const sarif = JSON.parse(d.io.files.get(d.io.outputs['sarif-file'] as string) ?? '{}');
    expect(sarif.runs[0].results).toHaveLength(1);
  });

  it('passes with fail-on never, and with skip', async () => {
    const never = deps(renderedWorkspace());
    expect((await runValidateAction(validateInputs({ 'fail-on': 'never' }), never)).failure).toBeUndefined();
    const skipped = deps(renderedWorkspace());
    await runValidateAction(validateInputs({ skip: 'Deployment' }), skipped);
    expect(skipped.io.outputs['errors']).toBe('0');
    expect(skipped.io.failed).toEqual([]);
  });

  it('reports a file that does not exist as an error, as kubeconform does', async () => {
    const d = deps(renderedWorkspace());
    await runValidateAction(validateInputs({ files: 'rendered/dev.yaml\nmissing.yaml' }), d);
    expect(d.io.outputs['errors']).toBe('1');
    expect(d.io.log[0]).toContain('missing.yaml');
  });
});

describe('the schema-cache input', () => {
  it('keeps downloaded schemas in the folder, created when missing, so the next run downloads none', async () => {
    const requests: string[] = [];
    const server = createServer((request, response) => {
      requests.push(request.url ?? '');
      response.setHeader('content-type', 'application/json');
      // Any Deployment passes: the test is about where the schema comes from, not what it says.
      // ({{.ResourceKind}} is lower case, as in kubeconform.)
      response.end(JSON.stringify({ type: 'object', properties: { kind: { type: 'string' } } }));
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    try {
      const { port } = server.address() as AddressInfo;
      const workspace = renderedWorkspace();
      const cached = validateInputs({
        'schema-locations': `http://127.0.0.1:${port}/{{.ResourceKind}}.json`,
        'schema-cache': '.cache/kubeproof-schemas',
      });

      const first = deps(workspace);
      await runValidateAction(cached, first);
      expect(requests).toEqual(['/deployment.json']);
      expect(readdirSync(join(workspace, '.cache/kubeproof-schemas'))).toHaveLength(1);
      expect(first.io.outputs).toMatchObject({ resources: '2', errors: '0' });

      const second = deps(workspace);
      await runValidateAction(cached, second);
      expect(requests).toEqual(['/deployment.json']);
      expect(second.io.outputs).toMatchObject({ resources: '2', errors: '0' });
    } finally {
      await new Promise((done) => server.close(done));
    }
  });
});
