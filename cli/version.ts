import pkg from '../package.json' with { type: 'json' };

/** The version printed by `-v` and written into SARIF. */
export const VERSION: string = `v${pkg.version}`;
