#include "store/radar_store.h"

#include <fmt/format.h>

#include <algorithm>

namespace ah::store {

std::string_view to_string(SeenState state) {
  switch (state) {
    case SeenState::shown:
      return "shown";
    case SeenState::dismissed:
      return "dismissed";
    case SeenState::read:
      return "read";
  }
  return "shown";
}

std::optional<SeenState> parse_seen_state(std::string_view text) {
  for (SeenState s : {SeenState::shown, SeenState::dismissed, SeenState::read}) {
    if (to_string(s) == text) return s;
  }
  return std::nullopt;
}

namespace {

bool has_control(std::string_view text) {
  return std::ranges::any_of(
      text, [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; });
}

bool blank(std::string_view text) {
  return std::ranges::all_of(text, [](char c) { return c == ' ' || c == '\t'; });
}

Result<void> check_list(std::string_view what, const std::vector<std::string>& values) {
  if (values.size() > kMaxRadarListEntries) {
    return fail(ErrorCode::invalid_argument, fmt::format("{}: {} entries, at most {}", what,
                                                         values.size(), kMaxRadarListEntries));
  }
  for (const std::string& v : values) {
    if (blank(v)) return fail(ErrorCode::invalid_argument, fmt::format("{}: an empty entry", what));
    if (v.size() > kMaxRadarEntryBytes || has_control(v)) {
      return fail(ErrorCode::invalid_argument,
                  fmt::format("{}: '{}' is {}", what, v.substr(0, 40),
                              has_control(v) ? "not one line of text"
                                             : fmt::format("over {} bytes", kMaxRadarEntryBytes)));
    }
  }
  return {};
}

}  // namespace

Result<void> validate_radar(std::string_view name, const radar::RadarProfile& profile) {
  if (blank(name)) return fail(ErrorCode::invalid_argument, "name: a radar needs a name");
  if (name.size() > kMaxRadarNameBytes) {
    return fail(ErrorCode::invalid_argument,
                fmt::format("name: over {} bytes", kMaxRadarNameBytes));
  }
  if (has_control(name)) {
    return fail(ErrorCode::invalid_argument, "name: control characters are not allowed");
  }
  if (std::ranges::all_of(name, [](char c) { return c >= '0' && c <= '9'; })) {
    return fail(ErrorCode::invalid_argument,
                fmt::format("name: '{}' is all digits, which would read as a radar's id", name));
  }
  const std::pair<const char*, const std::vector<std::string>*> lists[] = {
      {"authors", &profile.authors},       {"author_ids", &profile.author_ids},
      {"keywords", &profile.keywords},     {"excludes", &profile.excludes},
      {"categories", &profile.categories}, {"venues", &profile.venues},
      {"sources", &profile.sources}};
  for (const auto& [what, values] : lists) {
    if (auto ok = check_list(what, *values); !ok) return ok;
  }
  for (const std::string& id : profile.author_ids) {
    const auto colon = id.find(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 == id.size()) {
      return fail(ErrorCode::invalid_argument,
                  fmt::format("author_ids: '{}' is not scheme:value (orcid:0000-0002-1825-0097, "
                              "openalex:A5023888391, s2:1723755)",
                              id));
    }
  }
  if (profile.description.size() > kMaxRadarDescriptionBytes) {
    return fail(ErrorCode::invalid_argument,
                fmt::format("description: over {} bytes", kMaxRadarDescriptionBytes));
  }
  if (profile.seeds.size() > kMaxRadarSeeds) {
    return fail(ErrorCode::invalid_argument,
                fmt::format("seeds: {} papers, at most {}", profile.seeds.size(), kMaxRadarSeeds));
  }
  return {};
}

}  // namespace ah::store
