// Streaming parser for arXiv metadata in JSON lines: the Kaggle/Cornell metadata snapshot
// ("arxiv-metadata-oai-snapshot.json", 4 GB) and the daily-arXiv-ai-enhanced crawl files
// ("data/2025-03-18.jsonl"). Reads the stream in fixed-size chunks, so memory stays bounded by
// the chunk (8 MiB) or the longest line. Thread-compatible: one call per stream.
#pragma once

#include <cstdint>
#include <functional>
#include <istream>
#include <string_view>

#include "core/error.h"
#include "core/paper.h"
#include "sources/common/parse_result.h"

namespace ah::sources::arxiv {

struct JsonlCounts {
  std::int64_t lines = 0;     // non-blank lines read
  std::int64_t papers = 0;    // handed to on_paper
  std::int64_t rejected = 0;  // handed to on_reject
  std::int64_t bytes = 0;     // bytes read from the stream
};

// Reads `in` to its end. Each line's kind is recognised by its keys:
//  - snapshot (core::source::kArxivSnapshot): id, submitter, authors_parsed ([last, first,
//    suffix, affiliation...] -> "First Last Suffix"; else the authors string split), title,
//    abstract, comments, journal-ref, doi (first DOI), report-no, categories (blank separated,
//    primary first), license, versions ([{version, created}] -> history, version, published,
//    version date), update_date (-> updated, unless a version is later);
//  - daily crawl (core::source::kArxivDaily): id, authors [..], title, summary, comment,
//    categories [..] without the ACM/MSC codes the API mixes in, pdf, abs; Paper::announced is
//    the date in `origin`'s file name ("2025-03-18.jsonl", "..._2025-03-18.jsonl").
// Every non-blank line is reported: a Paper (finalized) to `on_paper`, or a RecordError
// ("<origin>: line 7 (id ...)", counting every line) to `on_reject`: invalid JSON (a file cut
// short loses only its last line, rejected so), not an object, unknown kind, no usable id, no
// title. A paper whose author list was cut to core::kMaxAuthors is also reported to `on_capped`
// (when given), before it is handed to `on_paper`.
// Duplicate ids within a stream are reported as separate papers.
// Errors: bad_upstream_data when the first non-blank line does not start a JSON object (an HTML
// page, a JSON array); internal when the stream fails while reading. The callbacks may throw
// only what they are prepared to catch themselves.
Result<JsonlCounts> parse_jsonl(std::istream& in, std::string_view origin,
                                const std::function<void(core::Paper&&)>& on_paper,
                                const std::function<void(RecordError&&)>& on_reject,
                                const std::function<void(CappedRecord&&)>& on_capped = {});

}  // namespace ah::sources::arxiv
