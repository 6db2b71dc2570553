// The set a briefing reads, as the command line and the API name it (a list of ids, or the best
// papers of a search within dates), and the briefing cache around write_briefing: the one place
// both callers look a briefing up by its key and keep a complete one. Thread-compatible: the
// store given is used from the calling thread only.
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "brief/briefing.h"
#include "core/error.h"
#include "core/paper.h"
#include "store/paper_store.h"

namespace ah::brief {

// The most papers one briefing reads (the ids given, or a search's best).
inline constexpr int kMaxSetPapers = 1000;

struct PaperSetRequest {
  std::vector<std::string> ids;  // any identifier PaperStore::get reads; or
  std::string query;             // the query language (search/query.h), with
  std::string since, until;      // YYYY-MM-DD bounds of the query's papers (optional)
  int limit = 200;               // a query's papers at most, 1..kMaxSetPapers
  // Put before each field's name in messages: "--" for the command line's flags.
  std::string field_prefix;
};

// The papers of `request`, in the order their [n] follow (ids: as given, two names of one paper
// once; a query: relevance). Errors (their messages name the field: "ids", "query", "since",
// "until", "limit", after field_prefix): invalid_argument when neither or both of ids and query are given, for dates
// with ids, more than kMaxSetPapers ids, a limit out of range, an unreadable id, query or date;
// not_found naming an id the store does not have; the store's errors.
Result<std::vector<core::Paper>> gather(store::PaperStore& store, const PaperSetRequest& request);

// A briefing as it is cached and served: its JSON (to_json) with "id" (the cache key) and
// "cached" (true when it came from the cache) added.
struct ServedBriefing {
  std::string id;
  nlohmann::json json;
  bool cached = false;
  bool llm_failed = false;  // the LLM failed after its retries (the CLI exits 3)
};

// The cached briefing with `key`, or nullopt (also when the cache cannot be read: a briefing is
// then written afresh; `warn` hears why).
std::optional<ServedBriefing> find_cached(store::PaperStore& store, const std::string& key,
                                          const std::function<void(std::string_view)>& warn);

// `briefing` as served under `key`; kept in `cache` (when not null) unless its LLM failed or it
// was cancelled, so that the next request asks again. A cache that cannot be written is no
// failure: `warn` hears why.
ServedBriefing serve_fresh(const Briefing& briefing, const std::string& key,
                           store::PaperStore* cache,
                           const std::function<void(std::string_view)>& warn);

}  // namespace ah::brief
