// MiniSearch as a JavaScript developer would set it up for Chinese: words from
// Intl.Segmenter('zh'), NFKC + lower case, AND between query words, headline
// boosted. Run by `cargo xtask bench` (compare step):
//
//   node minisearch.mjs <minisearch package dir> <articles.jsonl> <queries.json>
//
// Prints one JSON object: build time, index size (JSON.stringify of the index,
// raw and brotli q11), and per query the matching document numbers in score
// order and the warm latency. Scoring against brute force happens in Rust.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { brotliCompressSync, constants } from 'node:zlib';

const [pkgDir, articlesPath, queriesPath] = process.argv.slice(2);
const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
const entry = pkg.exports?.['.']?.import ?? pkg.module ?? pkg.main;
const { default: MiniSearch } = await import(pathToFileURL(join(pkgDir, entry)).href);

const articles = readFileSync(articlesPath, 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l))
  .map((a) => ({ id: a.doc, title: a.headline, text: a.paragraphs.join('\n') }));
const queries = JSON.parse(readFileSync(queriesPath, 'utf8'));

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
const tokenize = (s) =>
  Array.from(segmenter.segment(s))
    .filter((x) => x.isWordLike)
    .map((x) => x.segment);

const started = performance.now();
const index = new MiniSearch({
  fields: ['title', 'text'],
  tokenize,
  processTerm: (t) => t.normalize('NFKC').toLowerCase(),
  searchOptions: { combineWith: 'AND', boost: { title: 2 } },
});
index.addAll(articles);
const buildMs = performance.now() - started;

const json = JSON.stringify(index);
const brotli = brotliCompressSync(Buffer.from(json), {
  params: {
    [constants.BROTLI_PARAM_QUALITY]: 11,
    [constants.BROTLI_PARAM_LGWIN]: 22,
  },
}).length;

// One untimed pass (JIT, caches), then the timed pass whose results are kept.
for (const q of queries) index.search(q.text);
const results = queries.map((q) => {
  const t = performance.now();
  const hits = index.search(q.text);
  const ms = performance.now() - t;
  return { ids: hits.map((h) => h.id), ms };
});

process.stdout.write(
  JSON.stringify({
    engine: `MiniSearch ${pkg.version}`,
    where: `Node ${process.versions.node}`,
    build_ms: buildMs,
    index_raw: Buffer.byteLength(json),
    index_brotli: brotli,
    max_rss_kb: process.resourceUsage().maxRSS,
    results,
  }),
);
