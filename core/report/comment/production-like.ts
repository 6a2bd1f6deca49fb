/**
 * Which environments are production-like: the ones the configuration marks (the last of
 * `promotion.order`), and the ones whose name says so as a word (`prod`, `prd`, `production`,
 * `live`: `prod`, `eu-prod-1`, `production.us`; not `product` nor `prodigy`).
 */
const PRODUCTION_WORD = /(?:^|[^a-z])(?:prod|prd|production|live)(?:[^a-z]|$)/i;

export function isProductionLike(name: string, configured: readonly string[] = []): boolean {
  return configured.includes(name) || PRODUCTION_WORD.test(name);
}
