// Preloaded (NODE_OPTIONS=--require) into every Node process of a measured command: each writes its peak
// resident set size when it exits. resourceUsage().maxRSS is the kernel's high-water mark, in kilobytes.
const fs = require("fs");
const path = require("path");
process.on("exit", () => {
  if (process.env.BENCH_USAGE_DIR) {
    fs.writeFileSync(path.join(process.env.BENCH_USAGE_DIR, String(process.pid)), String(process.resourceUsage().maxRSS));
  }
});
