#include "store/paper_merge.h"

#include <algorithm>
#include <tuple>

namespace ah::store {
namespace {

void take(std::string& into, const std::string& from, Relation rel) {
  if (from.empty()) return;
  if (rel == Relation::overwrite || into.empty()) into = from;
}

template <typename T>
void take_list(std::vector<T>& into, const std::vector<T>& from, Relation rel) {
  if (from.empty()) return;
  if (rel == Relation::overwrite || into.empty()) into = from;
}

// Union by version number; for an entry both sides know, incoming values fill (or, under
// overwrite, replace) the stored ones when non-empty.
std::vector<core::PaperVersion> merge_versions(const std::vector<core::PaperVersion>& stored,
                                               const std::vector<core::PaperVersion>& incoming,
                                               Relation rel) {
  std::vector<core::PaperVersion> out = stored;
  for (const core::PaperVersion& v : incoming) {
    auto it = std::find_if(out.begin(), out.end(),
                           [&](const core::PaperVersion& o) { return o.version == v.version; });
    if (it == out.end()) {
      out.push_back(v);
    } else {
      Relation field_rel = rel == Relation::overwrite ? rel : Relation::fill_only;
      take(it->date, v.date, field_rel);
      take(it->size, v.size, field_rel);
    }
  }
  std::sort(out.begin(), out.end(),
            [](const auto& a, const auto& b) { return a.version < b.version; });
  return out;
}

std::vector<core::Identifier> merge_ids(const std::vector<core::Identifier>& a,
                                        const std::vector<core::Identifier>& b) {
  std::vector<core::Identifier> out = a;
  out.insert(out.end(), b.begin(), b.end());
  std::sort(out.begin(), out.end(), [](const auto& x, const auto& y) {
    return std::tie(x.scheme, x.value) < std::tie(y.scheme, y.value);
  });
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace

core::Paper canonical(core::Paper p) {
  // An arXiv id or DOI among the other ids is the record's own when it has none; one equal to
  // its own goes; another stays (a preprint's DOI beside the article's).
  std::erase_if(p.other_ids, [&p](const core::Identifier& id) {
    if (id.scheme.empty() || id.value.empty()) return true;
    std::string* own = id.scheme == "arxiv" ? &p.arxiv_id : id.scheme == "doi" ? &p.doi : nullptr;
    if (!own) return false;
    if (own->empty()) *own = id.value;
    return *own == id.value;
  });
  p.other_ids = merge_ids(p.other_ids, {});
  std::vector<core::Relation> relations;
  for (core::Relation& r : p.relations) {
    if (std::find(relations.begin(), relations.end(), r) == relations.end()) {
      relations.push_back(std::move(r));
    }
  }
  p.relations = std::move(relations);
  // What the store fills is not part of a record.
  p.paper_id = 0;
  p.records.clear();
  p.history.clear();
  p.status = {};
  p.field_sources.clear();
  std::erase_if(p.authors, [](const core::Author& a) { return a.name.empty(); });
  std::vector<std::string> categories;
  for (std::string& c : p.categories) {
    if (!c.empty() && std::find(categories.begin(), categories.end(), c) == categories.end()) {
      categories.push_back(std::move(c));
    }
  }
  p.categories = std::move(categories);
  std::erase_if(p.versions, [](const core::PaperVersion& v) { return v.version <= 0; });
  std::vector<core::PaperVersion> own;
  if (p.version > 0) own.push_back({p.version, p.version_date, ""});
  p.versions =
      merge_versions(merge_versions({}, p.versions, Relation::fill_only), own, Relation::fill_only);
  return p;
}

Relation relate(int stored_version, int incoming_version) {
  if (incoming_version > 0 && stored_version > 0 && incoming_version < stored_version) {
    return Relation::older;
  }
  if (incoming_version == 0 && stored_version > 0) return Relation::fill_only;
  return Relation::overwrite;
}

core::Paper merge(const core::Paper& stored, const core::Paper& in, Relation rel) {
  core::Paper out = stored;
  out.versions = merge_versions(stored.versions, in.versions, rel);
  if (rel == Relation::older) return out;

  take(out.arxiv_id, in.arxiv_id, rel);
  if (in.version > 0 && (rel == Relation::overwrite || out.version == 0)) out.version = in.version;
  take(out.doi, in.doi, rel);
  out.other_ids = merge_ids(stored.other_ids, in.other_ids);
  take(out.title, in.title, rel);
  take(out.abstract, in.abstract, rel);
  take(out.title_display, in.title_display, rel);
  take(out.abstract_display, in.abstract_display, rel);
  take_list(out.authors, in.authors, rel);
  take_list(out.categories, in.categories, rel);
  if (rel == Relation::overwrite && in.version == stored.version && !in.categories.empty()) {
    // Within one version, cross-listing only ever adds categories, and sources disagree on how
    // many they list (the daily crawl repeats a paper with and without a late cross-list): keep
    // the union, incoming order first, so re-reading the same records in any order is a no-op.
    for (const std::string& c : stored.categories) {
      if (std::find(out.categories.begin(), out.categories.end(), c) == out.categories.end()) {
        out.categories.push_back(c);
      }
    }
  }
  take(out.comment, in.comment, rel);
  take(out.journal_ref, in.journal_ref, rel);
  take(out.report_no, in.report_no, rel);
  take(out.license, in.license, rel);
  take(out.submitter, in.submitter, rel);
  take(out.published, in.published, rel);
  take(out.version_date, in.version_date, rel);
  take(out.updated, in.updated, rel);
  // The first announcement is the one that counts: a paper repeated in later daily listings
  // (replacements, cross-lists) keeps its earliest date, whatever order files are read in.
  if (!in.announced.empty() && (out.announced.empty() || in.announced < out.announced)) {
    out.announced = in.announced;
  }
  take(out.abs_url, in.abs_url, rel);
  take(out.pdf_url, in.pdf_url, rel);
  take(out.announce_type, in.announce_type, rel);
  take(out.venue, in.venue, rel);
  take(out.venue_short, in.venue_short, rel);
  take(out.volume, in.volume, rel);
  take(out.issue, in.issue, rel);
  take(out.pages, in.pages, rel);
  take(out.publisher, in.publisher, rel);
  take_list(out.issns, in.issns, rel);
  take(out.language, in.language, rel);
  if (in.type != core::WorkType::unknown &&
      (rel == Relation::overwrite || out.type == core::WorkType::unknown)) {
    out.type = in.type;
  }
  for (const core::Relation& r : in.relations) {
    if (std::find(out.relations.begin(), out.relations.end(), r) == out.relations.end()) {
      out.relations.push_back(r);
    }
  }
  // A retraction is not taken back by a record that does not mention it.
  out.retracted = out.retracted || in.retracted;
  if (!same_content(out, stored)) {
    if (!in.source.empty()) out.source = in.source;
    take(out.source_id, in.source_id, Relation::overwrite);
    take(out.fetched_at, in.fetched_at, Relation::overwrite);
    take(out.fetched_from, in.fetched_from, Relation::overwrite);
  }
  return out;
}

bool same_content(const core::Paper& a, const core::Paper& b) {
  if (a.source == b.source && a.source_id == b.source_id && a.fetched_at == b.fetched_at &&
      a.fetched_from == b.fetched_from) {
    return a == b;
  }
  core::Paper copy = a;
  copy.source = b.source;
  copy.source_id = b.source_id;
  copy.fetched_at = b.fetched_at;
  copy.fetched_from = b.fetched_from;
  return copy == b;
}

}  // namespace ah::store
