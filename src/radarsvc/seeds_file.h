// Seed papers from a reference file (BibTeX, RIS, CSL-JSON, a Zotero export), matched to the
// store's papers by DOI, arXiv id or title (src/bibio). Thread-safety: uses the caller's store
// (one thread at a time).
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "store/paper_store.h"

namespace ah::radarsvc {

struct MatchedSeeds {
  std::size_t references = 0;          // references read from the file
  std::vector<std::int64_t> papers;    // stable ids of the matched papers, in file order
  std::vector<std::string> unmatched;  // titles (else keys) of the references not in the store
};

// Reads `text` (the file's contents; `file_name` tells the format by its extension and names it
// in errors) and matches its references. Errors: invalid_argument for a file that is none of
// the formats (naming the file and where); unavailable when this build cannot read reference
// files; the store's.
Result<MatchedSeeds> seeds_from_text(store::PaperStore& store, std::string_view text,
                                     std::string_view file_name);

// The same for a file on disk. Errors: invalid_argument when it cannot be read, as above.
Result<MatchedSeeds> seeds_from_file(store::PaperStore& store, const std::filesystem::path& file);

}  // namespace ah::radarsvc
