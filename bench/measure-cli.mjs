// Runs the bundled CLI in this process and reports its peak memory on stderr when it exits.
process.on('exit', () => {
  process.stderr.write(`KUBEPROOF_BENCH ${JSON.stringify({ maxRssKiB: process.resourceUsage().maxRSS })}\n`);
});
await import(new URL('../dist/kubeproof.js', import.meta.url).href);
