// What every source's harvester shares: the report of one run, the interface the scheduler runs,
// and the stamp that says where and when a record was fetched. A harvester fetches over a
// borrowed net::HttpClient into a borrowed store::PaperStore and commits every page together with
// the state needed to continue after it, so a killed run resumes where it stopped and a re-run
// fetches only what is new. One harvester per thread.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/paper.h"
#include "store/paper_store.h"

namespace ah::harvest {

struct HarvestReport {
  std::int64_t requests = 0;  // pages fetched (each may have been retried by the client)
  std::int64_t records = 0;   // records the pages held (stored, or rejected by the store)
  store::UpsertCounts counts;
  std::vector<std::string> rejected;  // "where: why" per rejected record
  std::vector<std::string> notes;     // what happened beyond counts ("resumed from token ...")
  bool complete = false;              // the list/query/feed was read to its end
  // Sources that meter use (OpenAlex's daily budget): what the last answer said is left, and
  // whether the run stopped because the budget was spent (then `complete` is false and the next
  // run continues where this one stopped, after the budget resets).
  std::optional<std::int64_t> budget_left;
  bool budget_spent = false;
};

// One harvest of one configured source (a catalogue entry: a journal's ISSN at Crossref, a
// bioRxiv server, a feed, ...), as the scheduler and `academichub harvest` run it.
class Harvester {
 public:
  using Log = std::function<void(std::string_view)>;
  virtual ~Harvester() = default;
  // Fetches what is new since the last complete run (from the state in the store), or resumes an
  // interrupted one. Errors: unavailable (host unreachable), rate_limited (the politeness layer
  // gave up), bad_upstream_data (an answer that is not the source's format, naming the page),
  // invalid_argument (the source rejected the request: a bad ISSN, a bad key), internal (store).
  // Pages committed before an error stay committed.
  virtual Result<HarvestReport> run() = 0;
};

// Sets fetched_from (the URL, redacted) and fetched_at (`now`, ISO 8601 UTC) on every record that
// does not have them yet.
void stamp_records(std::span<core::Paper> records, std::string_view url, std::string_view now);


}  // namespace ah::harvest
