// The people behind an author's name, for following an author (issue 9: adding an author by name
// offers the candidate people with affiliations and recent papers to pick from). Read from the
// store's papers by that name (the search's author filter), grouped by stable author id (ORCID,
// else OpenAlex or Semantic Scholar id); the name's records without any id form one candidate
// of their own. Thread-safety: uses the caller's store (one thread at a time).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "store/paper_store.h"

namespace ah::radarsvc {

struct RecentPaper {
  std::int64_t paper_id = 0;
  std::string id;  // json::display_id
  std::string title;
  std::string date;  // "YYYY-MM-DD": announced, else published
};

struct Person {
  std::string name;                       // the form most of their papers give
  std::vector<std::string> ids;           // "orcid:0000-...", "openalex:A...", "s2:..."
  std::vector<std::string> affiliations;  // most frequent first, at most 5
  int papers = 0;                         // papers among those read
  std::vector<RecentPaper> recent;        // newest first, at most 5
};

// Candidates for `name` (the papers the author filter finds for it, then each of their authors
// whose name key has, for every word typed, a word starting with it: "Simeng" finds
// "Simeng Zhang"), most papers first, at most `limit` (1..50), read from the newest 300 papers by
// that name. Errors: invalid_argument for a name without letters or a limit out of range; the
// store's.
Result<std::vector<Person>> find_people(store::PaperStore& store, std::string_view name,
                                        int limit = 10);

}  // namespace ah::radarsvc
