// Notable papers: what a reader would not want to miss whatever its theme. Each rule reads the
// record's own fields (status, history, relations) as the store fills them; a paper may be
// notable for several reasons.
#include <algorithm>
#include <cctype>

#include "brief/analysis_parts.h"

namespace ah::brief::detail {
namespace {

// A name as compared: ASCII lower-cased, '.', ',' and '-' as blanks, blanks collapsed, and
// "Last, First" turned into "First Last". Returns its words.
std::vector<std::string> name_words(std::string_view name) {
  std::string text(name);
  if (auto comma = text.find(','); comma != std::string::npos) {
    text = text.substr(comma + 1) + " " + text.substr(0, comma);
  }
  std::vector<std::string> words;
  std::string word;
  for (char c : text) {
    if (c == ' ' || c == '.' || c == ',' || c == '-' || c == '\t') {
      if (!word.empty()) words.push_back(std::move(word));
      word.clear();
    } else {
      word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  if (!word.empty()) words.push_back(std::move(word));
  return words;
}

// The same last name, and given names that agree: equal, or one an initial of the other.
bool same_person(const std::vector<std::string>& followed, const std::vector<std::string>& author) {
  if (followed.empty() || author.empty() || followed.back() != author.back()) return false;
  if (followed.size() == 1) return false;  // a last name alone is too loose
  const std::string& a = followed.front();
  const std::string& b = author.front();
  if (a == b) return true;
  if (a.size() == 1) return !b.empty() && b.front() == a.front();
  if (b.size() == 1) return b.front() == a.front();
  return false;
}

bool has_event(const core::Paper& paper, std::string_view kind) {
  return std::any_of(paper.history.begin(), paper.history.end(),
                     [&](const core::HistoryEvent& e) { return e.kind == kind; });
}

std::string event_label(const core::Paper& paper, std::string_view kind) {
  for (const core::HistoryEvent& e : paper.history) {
    if (e.kind == kind && !e.label.empty()) return e.label;
  }
  return {};
}

// Where a preprint was published, when it was: the history's "published" event, the status,
// a link to its published version, or (arXiv) its journal reference.
std::optional<std::string> published_in(const core::Paper& paper) {
  if (has_event(paper, "published")) return event_label(paper, "published");
  if (paper.status.update_kind == "published") return paper.venue;
  for (const core::Relation& r : paper.relations) {
    if (r.type == core::RelationType::is_preprint_of) return r.target.value;
  }
  if (!paper.arxiv_id.empty() && !paper.journal_ref.empty()) return paper.journal_ref;
  return std::nullopt;
}

bool withdrawn(const core::Paper& paper) {
  if (has_event(paper, "withdrawn")) return true;
  std::string comment;
  for (char c : paper.comment.substr(0, 80)) {
    comment += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  // arXiv's withdrawal notice replaces the comment: "This paper has been withdrawn by ...".
  return comment.find("has been withdrawn") != std::string::npos;
}

}  // namespace

std::vector<NotablePaper> find_notable(std::span<const core::Paper> papers,
                                       const NotableInputs& inputs) {
  std::vector<NotablePaper> out;
  std::vector<std::vector<std::string>> followed;
  for (const std::string& name : inputs.followed_authors) {
    auto words = name_words(name);
    if (!words.empty()) followed.push_back(std::move(words));
  }
  if (!followed.empty()) {
    for (std::size_t p = 0; p < papers.size(); ++p) {
      for (const core::Author& author : papers[p].authors) {
        const auto words = name_words(author.name);
        const bool match = std::any_of(followed.begin(), followed.end(),
                                       [&](const auto& f) { return same_person(f, words); });
        if (match) {
          out.push_back({p, NotableKind::followed_author, author.name, 0});
          break;
        }
      }
    }
  }

  std::vector<RadarScore> radar;
  for (const RadarScore& r : inputs.radar) {
    if (r.paper < papers.size()) radar.push_back(r);
  }
  std::stable_sort(radar.begin(), radar.end(),
                   [](const RadarScore& a, const RadarScore& b) { return a.score > b.score; });
  for (std::size_t i = 0; i < radar.size() && i < inputs.radar_top; ++i) {
    out.push_back({radar[i].paper, NotableKind::radar_top, radar[i].reason, radar[i].score});
  }

  for (std::size_t p = 0; p < papers.size(); ++p) {
    const core::Paper& paper = papers[p];
    if (paper.status.retracted || paper.retracted || has_event(paper, "retracted")) {
      out.push_back({p, NotableKind::retracted, event_label(paper, "retracted"), 0});
    } else if (withdrawn(paper)) {
      out.push_back({p, NotableKind::withdrawn, {}, 0});
    }
    if (paper.status.concern || has_event(paper, "expression-of-concern")) {
      out.push_back({p, NotableKind::concern, {}, 0});
    }
    if (paper.status.corrected || has_event(paper, "corrected")) {
      out.push_back({p, NotableKind::corrected, event_label(paper, "corrected"), 0});
    }
    if (auto venue = published_in(paper)) {
      out.push_back({p, NotableKind::published, *venue, 0});
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const NotablePaper& a, const NotablePaper& b) {
    return static_cast<int>(a.kind) < static_cast<int>(b.kind);
  });
  return out;
}

}  // namespace ah::brief::detail
