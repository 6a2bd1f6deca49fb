import { describe, expect, it } from 'vitest';
import { memoryFileSource } from '../../core/files/file-source.ts';
import { promoteOnRequest } from '../../platform/promote-on-request.ts';
import { createFakeGitHubPort } from '../helpers/fake-github-port.ts';

const log = { info: () => {}, warn: () => {}, error: () => {}, debug: () => {} };
const kustomization = (tag: string) => `images:\n- name: ghcr.io/acme/api\n  newTag: "${tag}"\n`;
const FILES = memoryFileSource({
  '.kubeproof.yaml': 'version: 1\npromotion:\n  order: [staging, prod]\n',
  'envs/staging/kustomization.yaml': kustomization('1.3.0'),
  'envs/prod/kustomization.yaml': kustomization('1.2.0'),
});
const REPO = { owner: 'acme', repo: 'gitops' };

describe('promoteOnRequest', () => {
  it('promotes to the next environment of the order when no target is given', async () => {
    const port = createFakeGitHubPort();

    const outcome = await promoteOnRequest(
      {
        repo: REPO,
        base: 'main',
        files: FILES,
        command: { command: 'promote', from: 'staging', images: [] },
      },
      { port, log },
    );

    expect(outcome).toMatchObject({
      status: 'opened',
      source: 'staging',
      target: 'prod',
      branch: 'kubeproof/promote/staging-to-prod',
      command: 'kubeproof promote --from staging',
      pullRequest: { number: 1, url: 'https://github.com/acme/gitops/pull/1' },
    });
  });

  it('opens a bump on its own branch', async () => {
    const port = createFakeGitHubPort();

    const outcome = await promoteOnRequest(
      {
        repo: REPO,
        base: 'main',
        files: FILES,
        command: { command: 'bump', env: 'staging', image: 'ghcr.io/acme/api', tag: '1.4.0' },
      },
      { port, log },
    );

    expect(outcome).toMatchObject({ status: 'opened', branch: 'kubeproof/promote/set-staging' });
    expect(port.pullRequests[0]?.changes).toEqual([
      { path: 'envs/staging/kustomization.yaml', content: kustomization('1.4.0') },
    ]);
  });

  it('names what is not there, and calls nothing', async () => {
    const port = createFakeGitHubPort();

    const outcome = await promoteOnRequest(
      {
        repo: REPO,
        base: 'main',
        files: FILES,
        command: { command: 'promote', from: 'qa', to: 'prod', images: [] },
      },
      { port, log },
    );

    expect(outcome).toMatchObject({ status: 'failed', reason: 'request' });
    expect(outcome.message).toMatch(/no environments qa and prod/);
    expect(port.calls).toEqual([]);
  });

  it('says nothing to promote when the target already runs the source versions', async () => {
    const port = createFakeGitHubPort();

    const outcome = await promoteOnRequest(
      {
        repo: REPO,
        base: 'main',
        files: FILES,
        command: { command: 'promote', from: 'staging', to: 'prod', images: [], tag: '1.2.0' },
      },
      { port, log },
    );

    expect(outcome.status).toBe('nothing-to-promote');
    expect(port.calls).toEqual([]);
  });
});
