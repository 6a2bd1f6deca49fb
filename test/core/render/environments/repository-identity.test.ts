import { describe, expect, it } from 'vitest';
import {
  isThisRepository,
  normalizeGitUrl,
} from '../../../../core/render/environments/repository-identity.ts';

describe('normalizeGitUrl', () => {
  it.each([
    ['https://github.com/Acme/Platform.git', 'github.com/acme/platform'],
    ['https://github.com/acme/platform/', 'github.com/acme/platform'],
    ['https://token@github.com/acme/platform', 'github.com/acme/platform'],
    ['git@github.com:acme/platform.git', 'github.com/acme/platform'],
    ['ssh://git@github.com/acme/platform', 'github.com/acme/platform'],
    ['ssh://git@gitlab.example.com:2222/ops/charts.git', 'gitlab.example.com/ops/charts'],
    ['git://github.com/acme/platform.git', 'github.com/acme/platform'],
  ])('%s -> %s', (url, normal) => {
    expect(normalizeGitUrl(url)).toBe(normal);
  });

  it.each(['platform', './charts', '/srv/git/platform', 'file:///srv/git/platform', 'https://github.com/'])(
    '%s is not a git URL of a host',
    (url) => {
      expect(normalizeGitUrl(url)).toBeUndefined();
    },
  );
});

describe('isThisRepository', () => {
  const identity = { urls: ['https://github.com/acme/platform'] };
  it('compares the forms of one repository, and says nothing without an identity', () => {
    expect(isThisRepository(identity, 'git@github.com:acme/platform.git')).toBe(true);
    expect(isThisRepository(identity, 'https://github.com/acme/platform-docs')).toBe(false);
    expect(isThisRepository(identity, 'https://charts.example.com')).toBe(false);
    expect(isThisRepository(undefined, 'https://github.com/acme/platform')).toBeUndefined();
    expect(isThisRepository({ urls: [] }, 'https://github.com/acme/platform')).toBeUndefined();
  });
});
