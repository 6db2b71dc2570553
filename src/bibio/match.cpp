#include "bibio/match.h"

#include <cstdlib>
#include <string>
#include <utility>

#include "identity/fold.h"
#include "identity/fuzzy.h"
#include "search/query.h"
#include "search/words.h"

namespace ah::bibio {
namespace {

// Hits a title search looks through for the same title. A title's rarest words rarely bring back
// more than a handful of papers; 50 leaves room for common wording without reading many rows.
constexpr int kTitleCandidates = 50;
// Words searched for when a title is too short for identity::candidate_words.
constexpr size_t kMaxShortTitleWords = 8;

int year_of(const core::Paper& p) {
  const std::string& d = p.published.empty() ? p.version_date : p.published;
  if (d.size() < 4) return 0;
  return std::atoi(d.substr(0, 4).c_str());
}

std::string context(const Reference& ref) {
  return "reference at line " + std::to_string(ref.line);
}

// The paper `identifier` names, or nullopt when the store has none or cannot read the identifier.
Result<std::optional<core::Paper>> lookup(store::PaperStore& store, const std::string& identifier) {
  auto got = store.get(identifier);
  if (!got && got.error().code == ErrorCode::invalid_argument) {
    return std::optional<core::Paper>();
  }
  return got;
}

Result<std::optional<core::Paper>> by_title(store::PaperStore& store, const Reference& ref) {
  const std::string wanted = identity::fold(ref.title);
  if (wanted.empty()) return std::optional<core::Paper>();
  core::Paper probe;
  probe.title = ref.title;
  std::vector<std::string> words = identity::candidate_words(probe);
  if (words.empty()) {
    words = search::split_words(ref.title);
    if (words.size() > kMaxShortTitleWords) words.resize(kMaxShortTitleWords);
  }
  if (words.empty()) return std::optional<core::Paper>();
  search::SearchRequest request;
  for (std::string& w : words) {
    request.text.clauses.push_back({search::Term{search::Field::title, {std::move(w)}}});
  }
  request.sort = search::Sort::relevance;
  request.limit = kTitleCandidates;
  request.count_total = false;
  // A reference may cite a correction or retraction notice itself: it names that work.
  request.notices = search::Notices::keep;
  auto found = store.search(request);
  if (!found) return std::unexpected(found.error());
  for (store::SearchHit& hit : found->hits) {
    if (identity::fold(hit.paper.title) != wanted) continue;
    const int year = year_of(hit.paper);
    if (ref.year != 0 && year != 0 && std::abs(ref.year - year) > 1) continue;
    return std::optional<core::Paper>(std::move(hit.paper));
  }
  return std::optional<core::Paper>();
}

}  // namespace

std::string_view to_string(MatchedBy by) {
  switch (by) {
    case MatchedBy::doi:
      return "doi";
    case MatchedBy::arxiv_id:
      return "arxiv_id";
    case MatchedBy::pmid:
      return "pmid";
    case MatchedBy::title:
      return "title";
  }
  return "unknown";
}

Result<std::vector<Match>> match_references(store::PaperStore& store,
                                            std::span<const Reference> refs) {
  std::vector<Match> out;
  out.reserve(refs.size());
  for (size_t i = 0; i < refs.size(); ++i) {
    const Reference& ref = refs[i];
    Match m{i, {}, std::nullopt, std::nullopt};
    const std::pair<std::string, MatchedBy> ids[] = {
        {ref.doi, MatchedBy::doi},
        {ref.arxiv_id, MatchedBy::arxiv_id},
        {ref.pmid.empty() ? std::string() : "pmid:" + ref.pmid, MatchedBy::pmid}};
    for (const auto& [identifier, by] : ids) {
      if (identifier.empty()) continue;
      auto got = lookup(store, identifier);
      if (!got) return std::unexpected(got.error().with_context(context(ref)));
      if (*got) {
        m.paper = std::move(**got);
        m.by = by;
        m.paper_identifier_used = identifier;
        break;
      }
    }
    if (!m.paper && !ref.title.empty()) {
      auto got = by_title(store, ref);
      if (!got) return std::unexpected(got.error().with_context(context(ref)));
      if (*got) {
        m.paper = std::move(**got);
        m.by = MatchedBy::title;
        m.paper_identifier_used = "ah:" + std::to_string(m.paper->paper_id);
      }
    }
    out.push_back(std::move(m));
  }
  return out;
}

}  // namespace ah::bibio
