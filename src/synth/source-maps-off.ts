/**
 * Imported first by main.ts, so that it runs before the other imports load: tsx turns on source-mapped stack
 * traces, and with them on Node parses and caches the inline source map of every module it loads, and cdktf
 * maps the stack trace it captures for every token it creates (about a third of synth time). Crashes then point
 * into transpiled code: set SYNTH_SOURCE_MAPS=1 when you need TypeScript line numbers.
 */
process.setSourceMapsEnabled(process.env.SYNTH_SOURCE_MAPS === "1");
