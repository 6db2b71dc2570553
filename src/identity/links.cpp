#include "identity/links.h"

#include <algorithm>

namespace ah::identity {
namespace {

int scheme_rank(std::string_view scheme) {
  int i = 0;
  for (const char* s : core::kPaperSchemes) {
    if (scheme == s) return i;
    ++i;
  }
  return i;
}

// The normalised form of an identifier (an arXiv DOI becomes the arXiv id), or nullopt.
std::optional<core::Identifier> normal(std::string_view scheme, std::string_view value) {
  if (scheme.empty() || value.empty() || scheme == "paper") return std::nullopt;
  auto id = core::normalize_identifier(scheme, value);
  if (!id) return std::nullopt;
  if (id->scheme == "doi") {
    if (std::string arxiv = core::arxiv_id_from_doi(id->value); !arxiv.empty()) {
      return core::Identifier{"arxiv", std::move(arxiv)};
    }
  }
  return std::move(*id);
}

void add(std::vector<core::Identifier>& out, std::optional<core::Identifier> id) {
  if (id && std::find(out.begin(), out.end(), *id) == out.end()) out.push_back(std::move(*id));
}

}  // namespace

std::vector<core::Identifier> identifiers(const core::Paper& r) {
  std::vector<core::Identifier> out;
  if (!r.arxiv_id.empty()) add(out, normal("arxiv", r.arxiv_id));
  if (!r.doi.empty()) add(out, normal("doi", r.doi));
  for (const core::Identifier& id : r.other_ids) add(out, normal(id.scheme, id.value));
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return scheme_rank(a.scheme) < scheme_rank(b.scheme);
  });
  return out;
}

std::vector<Link> linking_ids(const core::Paper& r) {
  std::vector<Link> out;
  auto push = [&](core::Identifier id, std::string reason) {
    for (const Link& l : out) {
      if (l.id == id) return;
    }
    out.push_back(Link{std::move(id), std::move(reason)});
  };
  for (core::Identifier& id : identifiers(r)) {
    std::string reason = id.scheme + " " + id.value;
    push(std::move(id), std::move(reason));
  }
  for (const core::Relation& rel : r.relations) {
    if (!core::links_records(rel.type)) continue;
    auto id = normal(rel.target.scheme, rel.target.value);
    if (!id) continue;
    std::string reason =
        "relation " + std::string(core::to_string(rel.type)) + " " + id->scheme + " " + id->value;
    push(std::move(*id), std::move(reason));
  }
  return out;
}

std::optional<core::Identifier> normalized(const core::Identifier& id) {
  return normal(id.scheme, id.value);
}

bool is_exclusive_scheme(std::string_view scheme) {
  return scheme == "arxiv" || scheme == "pmid" || scheme == "pmcid";
}

bool conflicts(const std::vector<core::Identifier>& a, const std::vector<core::Identifier>& b) {
  for (const core::Identifier& x : a) {
    if (!is_exclusive_scheme(x.scheme)) continue;
    for (const core::Identifier& y : b) {
      if (y.scheme == x.scheme && y.value != x.value) return true;
    }
  }
  return false;
}

}  // namespace ah::identity
