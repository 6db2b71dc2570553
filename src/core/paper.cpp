#include "core/paper.h"

#include <algorithm>

#include "core/text.h"

namespace ah::core {

namespace {

// Renders the author names, drops the unnamed and keeps the first kMaxAuthors; returns how many
// were named. Past the cap a name is rendered only to be counted.
std::size_t render_authors(std::vector<Author>& authors) {
  std::size_t named = 0;
  for (std::size_t i = 0; i < authors.size(); ++i) {
    Author& a = authors[i];
    if (named >= kMaxAuthors) {
      named += display_name(a.name).empty() ? 0 : 1;
      continue;
    }
    a.name = display_name(a.name);
    if (a.name.empty()) continue;
    a.affiliation = display_name(a.affiliation);
    if (named != i) authors[named] = std::move(a);
    ++named;
  }
  authors.resize(std::min(named, kMaxAuthors));
  return named;
}

}  // namespace

Finalized finalize(Paper& paper) {
  Finalized out;
  paper.title_display = display_text(paper.title);
  paper.abstract_display = display_text(paper.abstract);
  out.authors_given = render_authors(paper.authors);

  // De-duplicate categories keeping the first occurrence, so the primary stays first.
  std::vector<std::string> unique;
  for (std::string& c : paper.categories) {
    if (!c.empty() && std::find(unique.begin(), unique.end(), c) == unique.end()) {
      unique.push_back(std::move(c));
    }
  }
  paper.categories = std::move(unique);

  std::sort(paper.versions.begin(), paper.versions.end(),
            [](const PaperVersion& a, const PaperVersion& b) { return a.version < b.version; });
  paper.versions.erase(std::unique(paper.versions.begin(), paper.versions.end(),
                                   [](const PaperVersion& a, const PaperVersion& b) {
                                     return a.version == b.version;
                                   }),
                       paper.versions.end());
  if (!paper.versions.empty()) {
    if (paper.version == 0) paper.version = paper.versions.back().version;
    // Only a history that starts at v1 tells when the paper was first submitted.
    if (paper.published.empty() && paper.versions.front().version == 1) {
      paper.published = paper.versions.front().date;
    }
    if (paper.version_date.empty()) {
      for (const PaperVersion& v : paper.versions) {
        if (v.version == paper.version) paper.version_date = v.date;
      }
    }
  }
  if (paper.version_date.empty() && paper.version == 1) paper.version_date = paper.published;

  if (!paper.arxiv_id.empty()) {
    if (paper.abs_url.empty()) paper.abs_url = "https://arxiv.org/abs/" + paper.arxiv_id;
    if (paper.pdf_url.empty()) paper.pdf_url = "https://arxiv.org/pdf/" + paper.arxiv_id;
  }
  return out;
}

std::string identity_key(const Paper& paper) {
  if (!paper.arxiv_id.empty()) return "arxiv:" + paper.arxiv_id;
  if (!paper.doi.empty()) return "doi:" + paper.doi;
  return {};
}

std::string doi_url(const Paper& paper) {
  return paper.doi.empty() ? std::string() : "https://doi.org/" + paper.doi;
}

bool is_notice_only(const Paper& paper) {
  if (paper.type == WorkType::comment) return false;
  if (is_notice(paper.type)) return true;
  if (paper.type != WorkType::unknown) return false;
  return std::ranges::any_of(paper.relations, [](const Relation& r) {
    return r.type == RelationType::updates && r.notice != NoticeKind::none &&
           r.notice != NoticeKind::other;
  });
}

}  // namespace ah::core
