#include "web/byte_range.h"

#include <charconv>
#include <cstdint>
#include <limits>
#include <optional>

namespace ah::web {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Digits only; a number too large for 64 bits saturates (it is past any file's end anyway).
std::optional<std::uint64_t> number(std::string_view s) {
  if (s.empty()) return std::nullopt;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
  }
  std::uint64_t v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec == std::errc::result_out_of_range) return std::numeric_limits<std::uint64_t>::max();
  if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return v;
}

}  // namespace

RangeDecision decide_range(std::string_view header, std::size_t size) {
  const RangeDecision whole;
  header = trim(header);
  constexpr std::string_view kUnit = "bytes=";
  if (header.size() < kUnit.size()) return whole;
  for (std::size_t i = 0; i < kUnit.size(); ++i) {
    char c = header[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != kUnit[i]) return whole;
  }
  const std::string_view spec = trim(header.substr(kUnit.size()));
  if (spec.find(',') != std::string_view::npos) return whole;  // several: never multipart
  const std::size_t dash = spec.find('-');
  if (dash == std::string_view::npos) return whole;
  const std::string_view a = trim(spec.substr(0, dash)), b = trim(spec.substr(dash + 1));
  const std::uint64_t n = size;
  if (a.empty()) {  // "-N": the last N bytes
    auto suffix = number(b);
    if (!suffix) return whole;
    if (*suffix == 0 || n == 0) return {RangeKind::unsatisfiable, 0, 0};
    const std::uint64_t length = std::min(*suffix, n);
    return {RangeKind::single, static_cast<std::size_t>(n - length),
            static_cast<std::size_t>(n - 1)};
  }
  auto first = number(a);
  if (!first) return whole;
  std::uint64_t last = n == 0 ? 0 : n - 1;
  if (!b.empty()) {
    auto end = number(b);
    if (!end || *end < *first) return whole;  // invalid: ignored, as RFC 9110 says
    last = std::min(*end, last);
  }
  if (*first >= n) return {RangeKind::unsatisfiable, 0, 0};
  return {RangeKind::single, static_cast<std::size_t>(*first), static_cast<std::size_t>(last)};
}

}  // namespace ah::web
