#include "radarsvc/seeds_file.h"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "bibio/match.h"
#include "bibio/references.h"

namespace ah::radarsvc {

Result<MatchedSeeds> seeds_from_text(store::PaperStore& store, std::string_view text,
                                     std::string_view file_name) {
  auto parsed = bibio::parse_references(text, file_name);
  if (!parsed) return std::unexpected(parsed.error());
  auto matches = bibio::match_references(store, parsed->references);
  if (!matches) return std::unexpected(matches.error());
  MatchedSeeds out;
  out.references = parsed->references.size();
  out.warnings = std::move(parsed->warnings);
  for (const bibio::Match& m : *matches) {
    if (m.paper) {
      if (std::ranges::find(out.papers, m.paper->paper_id) == out.papers.end()) {
        out.papers.push_back(m.paper->paper_id);
      }
      continue;
    }
    const bibio::Reference& ref = parsed->references[m.reference];
    out.unmatched.push_back(!ref.title.empty()   ? ref.title
                            : !ref.doi.empty()   ? ref.doi
                            : !ref.arxiv_id.empty() ? ref.arxiv_id
                            : !ref.key.empty()   ? ref.key
                                                 : fmt::format("line {}", ref.line));
  }
  return out;
}

Result<MatchedSeeds> seeds_from_file(store::PaperStore& store, const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    return fail(ErrorCode::invalid_argument, fmt::format("cannot read {}", file.string()));
  }
  std::ostringstream text;
  text << in.rdbuf();
  return seeds_from_text(store, text.str(), file.filename().string());
}

}  // namespace ah::radarsvc
