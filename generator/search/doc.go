// Package search is the index stage: it turns the documents of a site into
// the files of a static full-text index that the default theme's searcher
// (templates/assets/search*.js) reads in the browser, from disk (file://) or
// from any web server under any sub-path, with no server-side code.
//
// # Tokens
//
// Text is normalized to NFC and split into tokens: maximal runs of letters,
// combining marks and decimal digits, lowercased and cut to [MaxTokenRunes].
// For Vietnamese a token is a syllable. Each token has two forms:
//
//   - the folded form, [viet.Fold] of the token (tone and vowel marks
//     removed, đ → d), with the abbreviation "tw" read as "tu" so that
//     "21-KL/TW" finds "21-KL/TƯ": "Đảng" → "dang";
//   - the exact form, the token with its vowel marks (â ă ê ô ơ ư đ) and its
//     tone moved to the end as a digit (1 huyền, 2 sắc, 3 hỏi, 4 ngã,
//     5 nặng): "Đảng" → "đang3". The old and new tone placements "hoà" and
//     "hòa" both give "hoa1".
//
// The searcher tokenizes queries with the same rules; testdata/tokens.json
// is the shared table both the Go and the JavaScript tests check.
//
// # Files
//
// [Build] returns every file under "search/", each a plain script that calls
// the global registration function: __tusachSearch.add(name, data). No file
// is fetched with XHR, so the index works from file://.
//
//   - search/meta.js: the document count, the shard counts, the exact forms
//     of the stopwords, "dfm", the least frequency df.js lists, and the cap
//     on the term shards of one query, [MaxQueryTermShards].
//   - search/facets.js: the facets (their values and, per value, its
//     documents) and the lifecycle groups of the status facet, which the
//     searcher loads only for the filter panel: when the reader opens it,
//     or when the page's address carries a filter.
//   - search/df.js: the document frequency of every folded unigram found
//     in at least one document in a hundred (at most 2,048 of them), which
//     only a query with more term shards than the cap loads.
//   - search/t/P.js and search/t/P.bin: pack P of term shards, shards
//     P·tp onwards (meta's "tp", [ShardsPerPack]), read as the document
//     packs below are: the script, __tusachSearch.pack("t/P", [shard or
//     null, …]), whole from disk; the binary, a table of where each
//     shard's compressed object starts and ends (both 0 when empty) and
//     the objects, by Range requests over http. A term goes to shard
//     FNV-1a-32(folded term) mod the shard count, which the searcher names
//     in hexadecimal, the last two digits apart from four digits on
//     ("t/03/f1"). The shard count is the power of two (up to 16,384) that
//     keeps shards near 3 KB, so it grows with the index. A shard is an
//     object: a unigram is stored under its folded form as a list
//     alternating exact form and postings; a bigram (two adjacent tokens,
//     folded, joined by a space) as its postings.
//   - search/p/XX.js: prefix shards, for completing the last word typed:
//     every folded unigram with its document frequency, in shards by the
//     hash of its first two characters.
//   - search/n/XX.js: number shards, for the document-number lookup (see
//     "Numbers" below); meta's "ns" is their count, absent when no
//     document has a number.
//   - search/d/P.js and search/d/P.bin: pack P, documents P·dp onwards
//     (meta's "dp", [DocsPerPackFor]), a document after another, each its
//     further chunks then its head. The searcher names a document's entries
//     "d/N" (its head) and "d/N-K" (chunk K, 1, 2, …). The head is what a
//     result shows at once:
//     {"u": URL, "t": title, "s": section, "n": number, "d": date,
//     "ef", "ex", "st": effective and expiry dates (ISO) and status code,
//     "h": [[anchor, heading], …] of every part, "x": [text, …] the first
//     chunk, "k": [[part, offset], …] where each further chunk starts,
//     "g": [signature, …] of each further chunk}; a chunk is [text, …].
//     The script, __tusachSearch.pack("d/P", [[chunk, …, head], …]), is
//     run whole from disk (file://), where no byte is downloaded. The
//     binary is read over http with Range requests, so that a query
//     downloads only the entries it shows: it starts with a table, per
//     document the byte offsets where its head starts and ends (each five
//     base-64 digits, most significant first), followed by every entry as
//     its own zlib stream (the browser's DecompressionStream("deflate")),
//     where the head also has "o": [[start, end], …], the byte ranges of
//     its chunks. A server that answers no range, or a browser without
//     DecompressionStream, gets the script instead. Packs replace a file
//     per head and per chunk: 27,201 files in one folder on the generated
//     10,000-document corpus, more than a FAT32 folder takes at about
//     20,000 documents.
//   - search/r/K.js: the document register's data, rows K·500 onwards of
//     every document with a number, in the site's order: {"n": rows in
//     all, "s": rows a shard, "r": [[document, url, number, title, type,
//     issuer, issued, field, status, effective, expires], …]}. The
//     register page's filter and sort load them when used.
//
// A document's stored text, the first [MaxStoredText] bytes of its parts'
// text, is cut into a first chunk of at most [HeadChunkBytes] bytes and
// further chunks of at most [ChunkBytes] bytes, all written; text
// beyond is indexed but not shown.
// A chunk is a list of texts of consecutive parts: the first belongs to
// the part its start names ("k"; part 0 at offset 0 for the head's chunk)
// and begins at that byte offset of the part's text, each next text is
// the next part's from its beginning. A part that fits moves whole to a
// new chunk when the current one is at least half full; a longer part
// spans chunks, cut after a line break or a space near the end of the
// chunk. Joining a part's texts, chunk after chunk, gives back its text;
// an offset above 0 says the part began in an earlier chunk.
//
// A chunk's signature is a Bloom filter of the folded unigrams of its texts
// and of the headings of the parts it holds text of, about
// [SignatureBitsPerTerm] bits a distinct term rounded up to whole base-64
// digits (6 bits each, least significant first), [SignatureProbes] probes
// a term derived from FNV-1a-32 by double hashing (see signature.go;
// testdata/chunksig.json is the table the Go and JavaScript tests share),
// about 2 % false positives. The searcher shows a result from its head;
// while the best snippet window it found lacks a query term the document
// is known, from the postings it scored, to contain, it loads the chunk
// whose signature may hold the most of the document's query terms and,
// if terms are still missing, the next best: at most [SnippetChunkLoads]
// chunks a result, none when no signature matches, and only a chunk that
// may show more terms than the window or continues the window's part.
//
// # Numbers
//
// A query that is or holds a document number ([FindNumbers]: "205/KH-UBND",
// "21 - kl/tư", "91/2015/QH13") puts the documents with that number first,
// above every text match. Each document number is stored, normalized as
// citations are ([xref.Normalize]: case, marks, "TƯ" = "TW", dashes,
// spaces and the serial's leading zeros do not count), as a key of a
// number shard with the postings (no weights) of its documents. The shard
// is named by the FNV-1a-32 hash of the number's stem, its part up to the
// first code part ("205/KH", "91/2015/QH13", "21-KL"), modulo the shard
// count (shards near 2 KB): the searcher looks up a number found in a
// query, then the same number cut before each later code part, and all
// these keys share one shard, so a query with a number loads one more file
// of about 2 KB. testdata/numbers.json is the table of numbers found in
// queries that the Go and JavaScript tests share.
//
// # Postings
//
// A posting list is a string of base-64 digits (A–Z a–z 0–9 - _): for each
// document, the gap from the previous document number as a variable-length
// number (a digit below 32 ends it, a digit of 32 or more carries 5 bits and
// continues; the least significant group comes first), then one digit, the
// term's BM25 weight in the document, 1–63. The weight is the saturated,
// length-normalized term frequency tf·(k1+1)/(tf+k1·(1−b+b·len/avglen)) with
// k1 = 3 and b = 1, where tf counts title and number occurrences
// [TitleWeight] times, headings, type, issuer, topics and tags
// [HeadingWeight] times and body text once; the searcher multiplies it by
// the term's inverse document frequency. All ranking happens in the
// searcher: this package only counts.
//
// # Bytes per query
//
// The searcher loads the term shards of a query's most informative terms
// first and stops at [MaxQueryTermShards] shards: a syllable ranks by its
// idf, known before any shard is loaded from df.js's frequency table (a term
// missing from it is rare), a pair of adjacent syllables by 0.7 of the sum
// of the two idfs (its weight in the ranking). A query of a few words loads
// every term; a long pasted question leaves out its most common syllables
// and pairs, whose idf is negligible, and so loads at most 32 shards of
// about 3 KB, quoted phrases aside, and at most 60,000 postings as
// estimated from the table, fewer in proportion on a site of more than
// 5,000 documents (30,000 at 10,000; on a site whose words are all common,
// a shard's postings, not its size, make the bytes). A query scores exactly the terms it chose, so its ranking
// does not depend on the shards earlier queries loaded.
package search
