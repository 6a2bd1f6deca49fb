import { runCheck, type CheckResult } from '../../../../../core/check/run-check.ts';
import { memoryFileSource } from '../../../../../core/files/file-source.ts';
import { createValidationDeps } from '../../../../../platform/validation-setup.ts';
import { FIXTURE_LOCATION } from '../../../../helpers/schemas.ts';
import type { SchemaUse } from '../../../../../core/validate/result.ts';
import type { RealisticPr } from './realistic-prs.ts';

export const HEAD_SHA = '9f3c2a1b8e7d6c5b4a39281706f5e4d3c2b1a098';

/** What the real check makes of a pull request, with the metadata the Action would fill in. */
export async function runRealistic(pr: RealisticPr): Promise<CheckResult> {
  const validate = await createValidationDeps(
    {
      locations: [FIXTURE_LOCATION],
      kubernetesVersion: '1.31.0',
      strict: true,
      offline: true,
      fetch: { insecureSkipTlsVerify: false, proxyEnv: {} },
      baseDirectory: process.cwd(),
    },
    () => undefined,
  );
  let clock = 0;
  const result = await runCheck(
    { files: memoryFileSource(pr.head) },
    { files: memoryFileSource(pr.base) },
    // The comment's layout is what these cases show; policy has its own tests (test/core/policy/).
    { kubernetesVersion: '1.31.0', strict: true, policy: false },
    { validate, now: () => (clock += 700) },
  );
  // The fixture schemas' folder is this clone's: named from the project root, so snapshots agree anywhere.
  const relative = (use: SchemaUse): SchemaUse => ({
    ...use,
    source: use.source.replace(process.cwd(), '.'),
  });
  for (const check of result.report.validation) check.schemas = (check.schemas ?? []).map(relative);
  result.report.meta = {
    ...result.report.meta,
    schemas: (result.report.meta.schemas ?? []).map(relative),
    commit: HEAD_SHA,
    sourceLinks: { server: 'https://github.com', repository: 'acme/gitops', sha: HEAD_SHA },
    fullReportUrl: 'https://github.com/acme/gitops/actions/runs/1234567890',
    fullReportLabel: 'job summary',
  };
  return result;
}
