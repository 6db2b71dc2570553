// What every arXiv parser returns: the papers of a document, the records it had to reject, and
// the paging/status information the document carried. Plain values; thread-safe to copy and read.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/paper.h"

namespace ah::sources {

// What a document answers.
enum class Answer {
  records,     // a list of records (possibly empty)
  no_records,  // OAI-PMH noRecordsMatch: nothing matches the request (a complete, empty list)
  error,  // any other OAI-PMH <error> (badResumptionToken, badArgument, ...), an API error feed
};

// Paging and status read from the document itself (not from HTTP headers).
struct FeedInfo {
  Answer answer = Answer::records;
  // Atom (arXiv API) opensearch elements; nullopt when the document has none.
  std::optional<std::int64_t> total_results, start_index, items_per_page;
  // OAI-PMH <resumptionToken>: the token for the next page; empty = the list is complete.
  std::string resumption_token;
  // Cursor-paged JSON APIs (Crossref's next-cursor, ...): the cursor of the next page as given;
  // empty when the answer names none. total_results/items_per_page hold their totals.
  std::string next_cursor;
  std::optional<std::int64_t> complete_list_size, cursor;  // its attributes, when given
  std::string response_date;                               // OAI-PMH <responseDate>, as given
  std::string last_build_date;  // RSS <lastBuildDate> (else the channel <pubDate>), as given
  // Set when a well-formed document reports an error instead of records: OAI-PMH <error code=..>
  // ("noRecordsMatch", "badResumptionToken", "badArgument", ...) or an arXiv API error entry
  // ("incorrect_id_format", ...; the message is the entry's summary). Such a document has no
  // papers. `answer` says which kind of answer it is.
  std::string error_code, error_message;
};

// One record that could not become a Paper. `where` locates it: "<origin>: record 3 (id
// 2401.01234)" for XML, "<origin>: line 7 (id 0704.0001)" for JSON lines; `message` says why.
struct RecordError {
  std::string where;
  std::string message;
};

// A record kept with only the first core::kMaxAuthors of its authors (see core::finalize).
struct CappedRecord {
  std::string where;        // as RecordError::where
  std::size_t authors = 0;  // how many authors the record named
};

struct ParseResult {
  std::vector<core::Paper> papers;  // in document order, each with core::finalize applied
  std::vector<RecordError> rejected;
  std::vector<CappedRecord> capped;  // papers whose author lists were cut
  FeedInfo info;
  // Set when the document breaks off after its root element began (a file cut short, bytes that
  // are not well-formed from some point on): `papers`, `rejected` and `info` then hold what the
  // records complete before the break gave, and this error (bad_upstream_data) says where it
  // broke and how many records were kept. A caller that needs the whole document, such as a
  // harvester paging on, must treat the document as failed.
  std::optional<Error> truncated;
};

}  // namespace ah::sources
