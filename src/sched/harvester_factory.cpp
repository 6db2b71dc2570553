#include "sched/harvester_factory.h"

#include <fmt/format.h>

namespace ah::sched {

void HarvesterFactory::add(catalogue::Kind kind, Maker make) {
  makers_.insert_or_assign(kind, std::move(make));
}

std::string HarvesterFactory::unavailable(catalogue::Kind kind) const {
  if (makers_.contains(kind)) return "";
  return fmt::format("the {} harvester is not built in this binary yet",
                     catalogue::to_string(kind));
}

Result<std::unique_ptr<harvest::Harvester>> HarvesterFactory::make(
    const catalogue::SourceEntry& entry, const harvest::HarvestContext& context) const {
  auto it = makers_.find(entry.kind);
  if (it == makers_.end()) return fail(ErrorCode::unavailable, unavailable(entry.kind));
  return it->second(entry, context);
}

HarvesterFactory builtin_harvesters() {
  using catalogue::Kind;
  HarvesterFactory f;
  f.add(Kind::arxiv, harvest::make_arxiv_harvester);
  f.add(Kind::crossref, harvest::make_crossref_harvester);
  f.add(Kind::feed, harvest::make_feed_harvester);
  f.add(Kind::pubmed, harvest::make_pubmed_harvester);
  f.add(Kind::openalex, harvest::make_openalex_harvester);
  f.add(Kind::biorxiv, harvest::make_biorxiv_harvester);
  return f;
}

}  // namespace ah::sched
