import { describe, expect, it } from 'vitest';
import { parsePromoteInputs } from '../../platform/actions/promote-inputs.ts';
import { inputs } from './action-test-kit.ts';

const DIGEST = `sha256:${'0'.repeat(64)}`;

describe('parsePromoteInputs', () => {
  it('has the documented defaults when the runner passes nothing: promote what a push changed', () => {
    expect(parsePromoteInputs(inputs({}))).toEqual({
      workingDirectory: '.',
      githubToken: undefined,
      from: undefined,
      to: undefined,
      app: undefined,
      images: [],
      tag: undefined,
      digest: undefined,
      autoMerge: undefined,
      draft: false,
    });
  });

  it('reads a workflow_dispatch request, images comma- or newline-separated', () => {
    expect(
      parsePromoteInputs(
        inputs({
          'github-token': 'ghs_x',
          'working-directory': 'deploy',
          from: 'staging',
          to: 'prod',
          app: 'api',
          images: 'ghcr.io/acme/api\n',
          tag: '1.2.0',
          digest: DIGEST,
          'auto-merge': 'squash',
          draft: 'true',
        }),
      ),
    ).toEqual({
      workingDirectory: 'deploy',
      githubToken: 'ghs_x',
      from: 'staging',
      to: 'prod',
      app: 'api',
      images: ['ghcr.io/acme/api'],
      tag: '1.2.0',
      digest: DIGEST,
      autoMerge: 'squash',
      draft: true,
    });
    expect(parsePromoteInputs(inputs({ from: 'dev', images: 'a, b\nc' })).images).toEqual(['a', 'b', 'c']);
  });

  it.each([
    [
      { 'auto-merge': 'fast-forward' },
      'input auto-merge must be merge, squash or rebase (empty: no auto-merge), got "fast-forward"',
    ],
    [{ to: 'prod' }, 'input to goes with from: give the environment to promote from too'],
    [
      { from: 'dev', tag: '-1' },
      'input tag: "-1" is not an image tag (letters, digits, _ . -, up to 128, not starting with . or -)',
    ],
    [{ from: 'dev', tag: '1.0.0' }, 'input tag sets one image: give exactly one image in images'],
    [
      { from: 'dev', images: 'api', tag: '1.0.0', digest: 'sha256:abc' },
      'input digest must be sha256: and 64 lower-case hex digits, not "sha256:abc"',
    ],
    [{ from: 'dev', images: 'api', digest: DIGEST }, 'input digest goes with tag'],
    [{ draft: 'yes' }, 'input draft must be true or false, got "yes"'],
  ])('names the input at fault: %j', (given, message) => {
    expect(() => parsePromoteInputs(inputs(given))).toThrow(message);
  });
});
