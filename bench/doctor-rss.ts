/**
 * Loaded with `node --import` into a benchmarked CLI process (with MULTUSCTL_BENCH_RSS=1): at exit
 * it writes the process's peak RSS (kB, getrusage) to stderr as one marker line. Imported any other
 * way (the bench runner loads every module here) it does nothing.
 */
if (process.env.MULTUSCTL_BENCH_RSS === '1') {
  process.on('exit', () => {
    process.stderr.write(`\n__MAXRSS_KB__=${process.resourceUsage().maxRSS}\n`);
  });
}
