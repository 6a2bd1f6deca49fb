import nock from 'nock';
import { describe, expect, it } from 'vitest';
import type { CheckAnnotation, CheckRunOutput } from '../../../platform/github/github-port.ts';
import { API, testPort, useNock } from './github-test-kit.ts';

useNock();

const COMMIT = { owner: 'octo', repo: 'gitops', sha: 'abc123' };
const RUN = { id: 42, html_url: 'https://github.com/octo/gitops/runs/42' };

function annotations(count: number, level: CheckAnnotation['level'] = 'failure'): CheckAnnotation[] {
  return Array.from({ length: count }, (_, i) => ({
    path: `envs/prod/app-${i}.yaml`,
    startLine: i + 1,
    endLine: i + 1,
    level,
    message: `problem ${i}`,
  }));
}

function check(list: CheckAnnotation[], summary = '1 error'): CheckRunOutput {
  return {
    name: 'kubeproof',
    conclusion: 'failure',
    title: 'kubeproof: 1 error',
    summary,
    annotations: list,
  };
}

type Output = { title: string; summary: string; annotations: { path: string; annotation_level: string }[] };

/** Mocks the create call and `updates` update calls, recording what each sent. */
function mockCheckRun(updates: number): { create: Record<string, unknown>[]; update: { output: Output }[] } {
  const sent = { create: [] as Record<string, unknown>[], update: [] as { output: Output }[] };
  nock(API)
    .post('/repos/octo/gitops/check-runs', (body) => (sent.create.push(body), true))
    .reply(201, RUN);
  if (updates > 0) {
    nock(API)
      .patch('/repos/octo/gitops/check-runs/42', (body) => (sent.update.push(body), true))
      .times(updates)
      .reply(200, RUN);
  }
  return sent;
}

describe('publishCheckRun', () => {
  it('creates a completed check run with the output and the first 50 annotations, then 50 per update', async () => {
    const sent = mockCheckRun(2);
    const { port } = testPort();

    const result = await port.publishCheckRun(COMMIT, check(annotations(120)));

    expect(result).toEqual({ id: 42, url: RUN.html_url, annotationsShown: 120, annotationsOmitted: 0 });
    expect(sent.create).toHaveLength(1);
    expect(sent.create[0]).toMatchObject({
      name: 'kubeproof',
      head_sha: 'abc123',
      status: 'completed',
      conclusion: 'failure',
      output: { title: 'kubeproof: 1 error', summary: '1 error' },
    });
    const createOutput = sent.create[0]?.['output'] as Output;
    expect(createOutput.annotations).toHaveLength(50);
    expect(createOutput.annotations[0]).toEqual({
      path: 'envs/prod/app-0.yaml',
      start_line: 1,
      end_line: 1,
      annotation_level: 'failure',
      message: 'problem 0',
    });
    expect(sent.update.map((body) => body.output.annotations.length)).toEqual([50, 20]);
    expect(sent.update[1]?.output.annotations[19]?.path).toBe('envs/prod/app-119.yaml');
    expect(sent.update[0]?.output).toMatchObject({ title: 'kubeproof: 1 error', summary: '1 error' });
  });

  it('makes one call for 50 annotations or fewer', async () => {
    const sent = mockCheckRun(0);
    const { port } = testPort();

    await port.publishCheckRun(COMMIT, check(annotations(50)));

    expect((sent.create[0]?.['output'] as Output).annotations).toHaveLength(50);
  });

  it('sends the most severe first, caps the total and says in the summary how many were not shown', async () => {
    const sent = mockCheckRun(1);
    const { port } = testPort({ maxAnnotations: 60 });
    const list = [...annotations(40, 'notice'), ...annotations(30, 'warning'), ...annotations(5, 'failure')];

    const result = await port.publishCheckRun(COMMIT, check(list));

    expect(result).toMatchObject({ annotationsShown: 60, annotationsOmitted: 15 });
    const createOutput = sent.create[0]?.['output'] as Output;
    expect(createOutput.annotations.slice(0, 6).map((a) => a.annotation_level)).toEqual([
      'failure',
      'failure',
      'failure',
      'failure',
      'failure',
      'warning',
    ]);
    expect(createOutput.summary).toBe(
      '1 error\n\n> [!NOTE]\n> 15 more annotations not shown: kubeproof sends at most 60 per check run. ' +
        'The full list is in the report above and in the job output.',
    );
    expect(sent.update[0]?.output.annotations).toHaveLength(10);
    expect(sent.update[0]?.output.summary).toBe(createOutput.summary);
  });

  it('cuts a summary over 65,535 characters and says so; drops columns on multi-line annotations', async () => {
    const sent = mockCheckRun(0);
    const { port } = testPort();
    const list: CheckAnnotation[] = [
      {
        path: 'a.yaml',
        startLine: 2,
        endLine: 2,
        startColumn: 3,
        endColumn: 9,
        level: 'warning',
        message: 'm',
        title: 't'.repeat(300),
      },
      {
        path: 'b.yaml',
        startLine: 2,
        endLine: 4,
        startColumn: 3,
        level: 'notice',
        message: 'm',
        rawDetails: 'd',
      },
    ];

    await port.publishCheckRun(COMMIT, {
      ...check(list, 's'.repeat(70_000)),
      text: 'details',
      detailsUrl: 'https://ci/1',
    });

    const body = sent.create[0] as { details_url: string; output: Output & { text: string } };
    expect(body.details_url).toBe('https://ci/1');
    expect(body.output.summary).toHaveLength(65_535);
    expect(body.output.summary).toMatch(/the summary was cut at \d+ characters/);
    expect(body.output.text).toBe('details');
    expect(body.output.annotations).toEqual([
      {
        path: 'a.yaml',
        start_line: 2,
        end_line: 2,
        start_column: 3,
        end_column: 9,
        annotation_level: 'warning',
        message: 'm',
        title: 't'.repeat(255),
      },
      {
        path: 'b.yaml',
        start_line: 2,
        end_line: 4,
        annotation_level: 'notice',
        message: 'm',
        raw_details: 'd',
      },
    ]);
  });
});

describe('a check run in progress while the check runs', () => {
  it('starts the run in progress, then completes that run instead of creating a second', async () => {
    // Arrange
    const sent = { create: [] as Record<string, unknown>[], update: [] as Record<string, unknown>[] };
    nock(API)
      .post('/repos/octo/gitops/check-runs', (body) => (sent.create.push(body), true))
      .reply(201, RUN);
    nock(API)
      .patch('/repos/octo/gitops/check-runs/42', (body) => (sent.update.push(body), true))
      .times(2)
      .reply(200, RUN);
    const { port } = testPort();

    // Act
    const started = await port.startCheckRun(COMMIT, {
      name: 'kubeproof',
      startedAt: '2024-05-01T10:00:00.000Z',
      detailsUrl: 'https://github.com/octo/gitops/actions/runs/7',
    });
    const result = await port.publishCheckRun(COMMIT, check(annotations(60)), started);

    // Assert
    expect(started).toEqual({ id: 42, url: RUN.html_url });
    expect(sent.create).toEqual([
      {
        name: 'kubeproof',
        head_sha: 'abc123',
        status: 'in_progress',
        started_at: '2024-05-01T10:00:00.000Z',
        details_url: 'https://github.com/octo/gitops/actions/runs/7',
      },
    ]);
    expect(sent.update[0]).toMatchObject({ name: 'kubeproof', status: 'completed', conclusion: 'failure' });
    expect((sent.update[0]?.['output'] as Output).annotations).toHaveLength(50);
    expect((sent.update[1]?.['output'] as Output).annotations).toHaveLength(10);
    expect(result).toEqual({ id: 42, url: RUN.html_url, annotationsShown: 60, annotationsOmitted: 0 });
  });
});
