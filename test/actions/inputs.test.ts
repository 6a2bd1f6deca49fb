import { describe, expect, it } from 'vitest';
import { DEFAULT_SCHEMA_LOCATIONS } from '../../platform/check-defaults.ts';
import { parseCheckInputs, parseDiffInputs } from '../../platform/actions/check-inputs.ts';
import { offlineSchemasNotice } from '../../platform/actions/offline-schemas-notice.ts';
import { parseValidateInputs } from '../../platform/actions/validate-inputs.ts';
import { inputs } from './action-test-kit.ts';

describe('parseCheckInputs', () => {
  it('has the documented defaults when the runner passes nothing', () => {
    expect(parseCheckInputs(inputs({}))).toEqual({
      workingDirectory: '.',
      failOn: 'error',
      githubToken: undefined,
      baseRef: undefined,
      comment: true,
      allowRenderers: [],
      kubernetesVersion: '1.31.0',
      schemaLocations: [...DEFAULT_SCHEMA_LOCATIONS],
      strict: true,
      policy: true,
    });
  });

  it('reads every input', () => {
    const parsed = parseCheckInputs(
      inputs({
        'working-directory': 'clusters',
        'github-token': 'ghs_x',
        'base-ref': 'origin/main',
        'kubernetes-version': '1.30.2',
        'schema-locations': "default\n\n# the platform team's CRDs\n/schemas/{{.ResourceKind}}.json\n",
        strict: 'False',
        policy: 'false',
        comment: 'false',
        'fail-on': 'warning',
        'allow-renderers': 'kubectl, helm',
      }),
    );
    expect(parsed).toEqual({
      workingDirectory: 'clusters',
      githubToken: 'ghs_x',
      baseRef: 'origin/main',
      kubernetesVersion: '1.30.2',
      schemaLocations: ['default', '/schemas/{{.ResourceKind}}.json'],
      strict: false,
      policy: false,
      comment: false,
      failOn: 'warning',
      allowRenderers: ['kubectl', 'helm'],
    });
  });

  it.each([
    ['fail-on', 'errors', 'input fail-on must be error, warning or never, got "errors"'],
    ['strict', 'yes', 'input strict must be true or false, got "yes"'],
    ['comment', '1', 'input comment must be true or false, got "1"'],
    [
      'kubernetes-version',
      '1.31',
      'input kubernetes-version must be a full version x.y.z (e.g. 1.31.0) or master, got "1.31"',
    ],
  ])('names the input in its error: %s=%s', (name, value, message) => {
    expect(() => parseCheckInputs(inputs({ [name]: value }))).toThrow(message);
  });

  it('checks the schema location templates up front', () => {
    expect(() => parseCheckInputs(inputs({ 'schema-locations': 'https://x/{{ .Nope }}.json' }))).toThrow(
      /^input schema-locations: /,
    );
  });
});

describe('parseDiffInputs', () => {
  it('has no schema inputs', () => {
    expect(parseDiffInputs(inputs({ 'fail-on': 'never' }))).toEqual({
      workingDirectory: '.',
      failOn: 'never',
      githubToken: undefined,
      baseRef: undefined,
      comment: true,
      allowRenderers: [],
    });
  });
});

describe('parseValidateInputs', () => {
  it('reads kubeconform-style inputs', () => {
    const parsed = parseValidateInputs(
      inputs({
        files: 'rendered/prod.yaml rendered/dev.yaml\nmanifests/',
        skip: 'Secret, v1/ConfigMap',
        reject: 'ClusterRole',
        'ignore-missing-schemas': 'true',
        'ignore-filename-pattern': 'kustomization\\.yaml$\n^charts/',
      }),
    );
    expect(parsed).toMatchObject({
      files: ['rendered/prod.yaml', 'rendered/dev.yaml', 'manifests/'],
      skip: ['Secret', 'v1/ConfigMap'],
      reject: ['ClusterRole'],
      ignoreMissingSchemas: true,
      strict: true,
      failOn: 'error',
    });
    expect(parsed.ignoreFilenamePatterns.map(String)).toEqual(['/kustomization\\.yaml$/', '/^charts\\//']);
  });

  it('defaults files to the working directory', () => {
    expect(parseValidateInputs(inputs({})).files).toEqual(['.']);
  });

  it('names the input of a bad pattern', () => {
    expect(() => parseValidateInputs(inputs({ 'ignore-filename-pattern': '(' }))).toThrow(
      /^input ignore-filename-pattern: /,
    );
  });
});

describe('offlineSchemasNotice', () => {
  it('says so when `offline` is asked for and kubernetes-models cannot be loaded', async () => {
    const missing = async () => {
      throw new Error("Cannot find package 'kubernetes-models'");
    };
    expect(await offlineSchemasNotice(['offline'], missing)).toMatch(/^offline schemas unavailable: /);
    expect(await offlineSchemasNotice(['default'], missing)).toBeUndefined();
    expect(await offlineSchemasNotice(['offline'], async () => ({}))).toBeUndefined();
  });
});
