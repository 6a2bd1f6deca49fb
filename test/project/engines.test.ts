import { readFileSync } from 'node:fs';
import { subset, validRange } from 'semver';
import { describe, expect, it } from 'vitest';

interface LockedPackage {
  version?: string;
  engines?: { node?: string } | string[];
}

const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as { engines: { node: string } };
const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as {
  packages: Record<string, LockedPackage>;
};

/** The Node range of every locked package that declares one (what `npm ci` checks, printing EBADENGINE). */
function lockedNodeRanges(): { name: string; range: string }[] {
  return Object.entries(lock.packages).flatMap(([path, pkg]) => {
    const range = Array.isArray(pkg.engines) ? undefined : pkg.engines?.node;
    return path && range ? [{ name: `${path.replace(/^.*node_modules\//, '')}@${pkg.version}`, range }] : [];
  });
}

describe('the Node versions package.json promises', () => {
  const promised = manifest.engines.node;

  it('is a valid range that includes Node 20', () => {
    expect(validRange(promised)).not.toBeNull();
    expect(subset('>=20.19.0 <21', promised)).toBe(true);
  });

  it('are all accepted by every locked dependency, so npm ci prints no EBADENGINE warning', () => {
    const ranges = lockedNodeRanges();
    expect(ranges.length).toBeGreaterThan(50);
    const narrower = ranges
      .filter(({ range }) => !subset(promised, range))
      .map((p) => `${p.name} (node ${p.range})`);
    expect(narrower).toEqual([]);
  });
});
