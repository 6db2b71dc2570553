// What every arXiv parser returns: the papers of a document, the records it had to reject, and
// the paging/status information the document carried. Plain values; thread-safe to copy and read.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/paper.h"

namespace ah::sources::arxiv {

// Paging and status read from the document itself (not from HTTP headers).
struct FeedInfo {
  // Atom (arXiv API) opensearch elements; nullopt when the document has none.
  std::optional<std::int64_t> total_results, start_index, items_per_page;
  // OAI-PMH <resumptionToken>: the token for the next page; empty = the list is complete.
  std::string resumption_token;
  std::optional<std::int64_t> complete_list_size, cursor;  // its attributes, when given
  std::string response_date;                               // OAI-PMH <responseDate>, as given
  std::string last_build_date;  // RSS <lastBuildDate> (else the channel <pubDate>), as given
  // Set when a well-formed document reports an error instead of records: OAI-PMH <error code=..>
  // ("noRecordsMatch", "badResumptionToken", "badArgument", ...) or an arXiv API error entry
  // ("incorrect_id_format", ...; the message is the entry's summary). Such a document has no
  // papers.
  std::string error_code, error_message;
};

// One record that could not become a Paper. `where` locates it: "<origin>: record 3 (id
// 2401.01234)" for XML, "<origin>: line 7 (id 0704.0001)" for JSON lines; `message` says why.
struct RecordError {
  std::string where;
  std::string message;
};

struct ParseResult {
  std::vector<core::Paper> papers;  // in document order, each with core::finalize applied
  std::vector<RecordError> rejected;
  FeedInfo info;
};

}  // namespace ah::sources::arxiv
