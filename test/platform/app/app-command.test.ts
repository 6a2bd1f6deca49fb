import { describe, expect, it } from 'vitest';
import { parseAppCommand } from '../../../platform/app/app-command.ts';

describe('parseAppCommand', () => {
  it.each([
    ['/kubeproof recheck', { command: 'recheck' }],
    ['Thanks!\n\n/kubeproof recheck\n', { command: 'recheck' }],
    ['/kubeproof promote staging', { command: 'promote', from: 'staging', images: [] }],
    [
      '/kubeproof promote staging ghcr.io/acme/web --tag 1.4.2',
      { command: 'promote', from: 'staging', images: ['ghcr.io/acme/web'], tag: '1.4.2' },
    ],
    [
      '/kubeproof promote dev web api --to=prod',
      { command: 'promote', from: 'dev', images: ['web', 'api'], to: 'prod' },
    ],
    [
      '/kubeproof promote',
      { command: 'invalid', message: 'say which environment to promote: `/kubeproof promote staging`' },
    ],
    ['/kubeproof promote staging --tag', { command: 'invalid', message: '`--tag` needs a value' }],
    [
      '/kubeproof promote staging --tag 1.2.3',
      {
        command: 'invalid',
        message:
          '`--tag` sets the version of one image: name it, `/kubeproof promote staging web --tag 1.4.2`',
      },
    ],
    ['/kubeproof promote staging --force', { command: 'invalid', message: 'unknown option `--force`' }],
    [
      '/kubeproof deploy',
      { command: 'invalid', message: '`/kubeproof deploy` is not a command kubeproof knows' },
    ],
    ['/kubeproof', { command: 'invalid', message: 'the command is missing' }],
  ])('reads %j', (body, expected) => {
    expect(parseAppCommand(body)).toEqual(expected);
  });

  it.each(['LGTM', 'see /kubeproof recheck above', '/kubeproofing is fun'])(
    'finds no command in %j',
    (body) => {
      expect(parseAppCommand(body)).toBeUndefined();
    },
  );
});
