// Renders synthetic records in arXiv's bulk formats: the Kaggle arxiv-metadata-oai-snapshot JSON
// lines and OAI-PMH ListRecords pages (metadataPrefix=arXiv) linked by resumption tokens.
// Functions are pure given their inputs; the streaming ones advance the generator passed in.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "corpus/generator.h"
#include "corpus/record.h"

namespace ah::bench {

// Appends one snapshot line, with the trailing '\n': the fields, their order and null usage of
// the real file, non-ASCII characters escaped as \uXXXX (the dump is written with ensure_ascii).
void append_snapshot_line(const SyntheticRecord& record, std::string& out);

// Appends one OAI-PMH <record> (header + arXiv metadata), names in UTF-8, text XML-escaped.
void append_oai_record(const SyntheticRecord& record, std::string& out);

// Streams every remaining record of `generator` as snapshot lines, handing `sink` chunks of
// whole lines of about `chunk_bytes` each. Returns the number of records written.
std::int64_t write_snapshot(CorpusGenerator& generator, std::size_t chunk_bytes,
                            const std::function<void(std::string_view)>& sink);

struct OaiPagingOptions {
  std::size_t page_size = 1000;  // records per page, >= 1
  std::string response_date = "2026-07-01T06:00:00Z";
  std::uint64_t batch = 726959;  // first half of the tokens: "726959|1001"
};

struct OaiPage {
  int number = 0;           // 1-based
  std::int64_t cursor = 0;  // records on the pages before this one
  bool last = false;
  std::string_view bytes;  // valid during the sink call only
};

// Streams every remaining record of `generator` as ListRecords pages. Every page but the last
// ends with a resumptionToken naming the next; when there are several pages the last carries an
// empty token, a single page carries none (a complete list). No records -> no pages. Returns
// the number of pages.
int write_oai_pages(CorpusGenerator& generator, const OaiPagingOptions& options,
                    const std::function<void(const OaiPage&)>& sink);

}  // namespace ah::bench
