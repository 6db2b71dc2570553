// Why a paper is in a feed, in words for the command line ("follows Simeng Zhang", "matches
// 'sparse attention'", "like 3 of your seed papers: ..."). The page words them itself from the
// JSON (radarsvc/radar_json.h). Pure; thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "radar/explain.h"

namespace ah::radarsvc {

// One reason in English. `titles`: titles of the papers a similar_papers reason names (by stable
// id); ids without a title are written "ah:N".
std::string describe(const radar::Why& why, const std::map<std::int64_t, std::string>& titles);

}  // namespace ah::radarsvc
