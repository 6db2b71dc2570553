#include "cli/format.h"

#include <cmath>

#include <fmt/format.h>

namespace ah::cli {

std::string thousands(std::int64_t n) {
  std::string digits = std::to_string(n < 0 ? -n : n);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return n < 0 ? "-" + out : out;
}

std::string duration(double seconds) {
  if (seconds < 60) return fmt::format("{:.1f}s", seconds);
  auto s = static_cast<std::int64_t>(std::llround(seconds));
  if (s < 3600) return fmt::format("{}m {:02}s", s / 60, s % 60);
  return fmt::format("{}h {:02}m", s / 3600, (s % 3600) / 60);
}

std::string counts_line(const store::UpsertCounts& c) {
  std::string line =
      fmt::format("{} new, {} updated, {} unchanged, {} rejected", thousands(c.inserted),
                  thousands(c.updated), thousands(c.unchanged), thousands(c.rejected));
  // Records that joined papers already known (another source's record of the same work).
  if (c.merged > 0) line += fmt::format(", {} merged", thousands(c.merged));
  return line;
}

std::string clip(std::string_view text, size_t width) {
  std::string out;
  size_t cols = 0;
  for (size_t i = 0; i < text.size();) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
    size_t w = len >= 3 ? 2 : 1;  // rough: CJK and most 3-byte scripts are wide
    if (cols + w > width) {
      if (width > 0) out.append("…");
      return out;
    }
    out.append(text.substr(i, len));
    cols += w;
    i += len;
  }
  return out;
}

}  // namespace ah::cli
