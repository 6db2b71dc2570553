#include "harvest/page_state.h"

#include <fmt/format.h>

namespace ah::harvest::page_state {

using nlohmann::json;

Result<json> load(store::PaperStore& store, const std::string& key) {
  auto value = store.get_state(key);
  if (!value) return std::unexpected(value.error());
  if (!*value) return json::object();
  json parsed = json::parse(**value, nullptr, /*allow_exceptions=*/false);
  return parsed.is_object() ? parsed : json::object();
}

std::string str(const json& state, const char* key) {
  auto it = state.find(key);
  return it != state.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::int64_t num(const json& state, const char* key) {
  auto it = state.find(key);
  return it != state.end() && it->is_number_integer() ? it->get<std::int64_t>() : 0;
}

void add_page(HarvestReport& report, const store::UpsertCounts& counts,
              const sources::ParseResult& parsed) {
  report.records += static_cast<std::int64_t>(parsed.papers.size() + parsed.rejected.size());
  report.counts += counts;
  report.counts.rejected += static_cast<std::int64_t>(parsed.rejected.size());
  for (const sources::RecordError& r : parsed.rejected) {
    report.rejected.push_back(r.where + ": " + r.message);
  }
  for (const sources::CappedRecord& c : parsed.capped) {
    report.notes.push_back(fmt::format("{}: kept the first {} of its {} authors", c.where,
                                       core::kMaxAuthors, c.authors));
  }
}

}  // namespace ah::harvest::page_state
