// Internal to the harvesters of this folder (not a public interface): harvest state as a JSON
// object in the store, and a parsed page's counts, rejections and notes added to a report.
// Thread-compatible.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "harvest/harvester.h"
#include "sources/common/parse_result.h"
#include "store/paper_store.h"

namespace ah::harvest::page_state {

// The JSON object stored under `key`; an empty object when there is none or it is unreadable
// (the harvest then starts afresh). Errors: those of PaperStore::get_state.
Result<nlohmann::json> load(store::PaperStore& store, const std::string& key);

// A string / integer member of a state object; "" / 0 when absent or of another type.
std::string str(const nlohmann::json& state, const char* key);
std::int64_t num(const nlohmann::json& state, const char* key);

// Adds what storing one parsed page did to `report`: the store's counts, the parser's rejected
// records ("where: why") and the records whose author lists were cut.
void add_page(HarvestReport& report, const store::UpsertCounts& counts,
              const sources::ParseResult& parsed);

}  // namespace ah::harvest::page_state
