import { describe, expect, it } from 'vitest';
import { chooseNames, folderNameCandidates } from '../../../../core/render/environments/name-environments.ts';
import { pathMatch } from '../../../../core/render/environments/path-match.ts';
import { normalizeName, renderTemplate } from '../../../../core/render/environments/render-template.ts';

describe('renderTemplate', () => {
  const goParams = {
    env: 'prod',
    path: { path: 'envs/eu/prod', basename: 'prod', segments: ['envs', 'eu', 'prod'] },
    values: { region: 'EU West' },
  };

  it.each([
    ['{{.env}}', 'prod'],
    ['{{ .path.path }}', 'envs/eu/prod'],
    ['{{ index .path.segments 1 }}', 'eu'],
    ['{{ .values.region | normalize }}', 'eu-west'],
    ['{{ upper .env }}', 'PROD'],
    ['{{ "fixed" }}', 'fixed'],
    ['a-  {{- .env -}}  -b', 'a-prod-b'],
  ])('Go template %j -> %j', (template, expected) => {
    expect(renderTemplate(template, goParams, true)).toEqual({ value: expected, unresolved: [] });
  });

  it.each([
    ['{{ .missing }}', '.missing'],
    ['{{ if .env }}x{{ end }}', 'if .env'],
    ['{{ printf "%s" .env }}', 'printf "%s" .env'],
    ['{{ .env | quote }}', '.env | quote'],
  ])('leaves %j unresolved', (template, expression) => {
    const result = renderTemplate(template, goParams, true);

    expect(result.unresolved).toContain(expression);
    expect(result.value).toContain('{{');
  });

  it('substitutes fasttemplate keys with trimmed spaces and keeps unknown ones', () => {
    const params = { path: 'envs/prod', 'path.basename': 'prod', 'path[0]': 'envs' };

    const result = renderTemplate(
      { name: '{{ path.basename }}-{{path[0]}}', spec: { path: '{{path}}', other: '{{cluster}}' }, n: 3 },
      params,
      false,
    );

    expect(result).toEqual({
      value: { name: 'prod-envs', spec: { path: 'envs/prod', other: '{{cluster}}' }, n: 3 },
      unresolved: ['cluster'],
    });
  });

  it.each([
    ['Dev_EU', 'dev-eu'],
    ['-a.b-', 'a.b'],
    ['x'.repeat(300), 'x'.repeat(253)],
  ])('normalize(%j) = %j', (text, expected) => {
    expect(normalizeName(text)).toBe(expected);
  });
});

describe('pathMatch (Go path.Match)', () => {
  it.each([
    ['envs/*', 'envs/prod', true],
    ['envs/*', 'envs/prod/eu', false],
    ['*', 'envs', true],
    ['envs/?ev', 'envs/dev', true],
    ['envs/[dp]*', 'envs/prod', true],
    ['envs/[^dp]*', 'envs/prod', false],
    ['envs/[a-c]*', 'envs/beta', true],
    ['envs/[f|g]', 'envs/|', true],
    ['envs/\\*', 'envs/*', true],
    ['envs/[', 'envs/[', false],
    ['a/*/c', 'a/b/c', true],
  ])('%j matches %j: %s', (pattern, name, expected) => {
    expect(pathMatch(pattern, name)).toBe(expected);
  });
});

describe('environment names', () => {
  it('offers folder suffixes without container folders, then the path', () => {
    expect(folderNameCandidates('apps/web/overlays/prod')).toEqual([
      'prod',
      'web/prod',
      'apps/web/prod',
      'apps/web/overlays/prod',
    ]);
    expect(folderNameCandidates('envs/prod')).toEqual(['prod', 'envs/prod']);
  });

  it('grows only the colliding names that can grow', () => {
    expect(
      chooseNames([
        ['prod', 'envs/prod'],
        ['prod', 'web/prod', 'apps/web/prod', 'apps/web/overlays/prod'],
        ['prod', 'api/prod', 'apps/api/prod', 'apps/api/overlays/prod'],
        ['dev', 'envs/dev'],
      ]),
    ).toEqual(['prod', 'web/prod', 'api/prod', 'dev']);
  });
});
