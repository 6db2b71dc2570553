// Small text helpers for terminal output. Pure; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "store/paper_store.h"

namespace ah::cli {

// "12,345"
std::string thousands(std::int64_t n);
// "1m 05s", "3h 02m", "12.3s"
std::string duration(double seconds);
// "N new, N updated, N unchanged, N rejected"
std::string counts_line(const store::UpsertCounts& c);
// The text cut to at most `width` display columns (UTF-8 aware, CJK counted as 2), with "…".
std::string clip(std::string_view text, size_t width);

}  // namespace ah::cli
