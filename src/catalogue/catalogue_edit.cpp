#include "catalogue/catalogue_edit.h"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <algorithm>
#include <optional>
#include <vector>

namespace ah::catalogue {
namespace {

constexpr std::string_view kRewrittenHeader =
    "# AcademicHub's sources: one [[source]] table per source (see the comments of the default\n"
    "# catalogue in the AcademicHub sources, src/catalogue/default_sources.toml, for every key).\n"
    "# This file was written anew by `academichub sources` (or the API) because an entry was not\n"
    "# laid out as a [[source]] table and could not be changed in place; the TOML library keeps\n"
    "# no comments, so the comments of the previous version are not here. That version is kept\n"
    "# beside this file with the suffix .bak.\n";

std::vector<std::string> split_lines(std::string_view text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) nl = text.size();
    lines.emplace_back(text.substr(start, nl - start));
    start = nl + 1;
  }
  return lines;
}

std::string join_lines(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& l : lines) out += l + "\n";
  return out;
}

bool blank(std::string_view line) {
  return line.find_first_not_of(" \t\r") == std::string_view::npos;
}

// The [[source]] table of `name` in the parsed document, with where its block is.
struct Block {
  int header = 0;                          // 1-based line of "[[source]]"
  int last = 0;                            // 1-based line where its last value ends
  int enabled = 0;                         // line of its `enabled` value, 0 when it has none
  int enabled_begin = 0, enabled_end = 0;  // 1-based columns of that value, end exclusive
  bool editable = false;                   // a [[source]] header on its own line
};

std::optional<Block> find_block(const toml::table& root, const std::vector<std::string>& lines,
                                std::string_view name) {
  const toml::array* arr = root["source"].as_array();
  if (!arr) return std::nullopt;
  for (const toml::node& node : *arr) {
    const toml::table* t = node.as_table();
    if (!t || t->get_as<std::string>("name") == nullptr ||
        t->get_as<std::string>("name")->get() != name) {
      continue;
    }
    Block b;
    b.header = static_cast<int>(t->source().begin.line);
    b.last = b.header;
    for (auto&& [key, value] : *t) {
      b.last = std::max<int>(b.last, static_cast<int>(value.source().end.line));
      if (key.str() == "enabled" && value.is_boolean() &&
          value.source().begin.line == value.source().end.line) {
        b.enabled = static_cast<int>(value.source().begin.line);
        b.enabled_begin = static_cast<int>(value.source().begin.column);
        b.enabled_end = static_cast<int>(value.source().end.column);
      }
    }
    if (!t->is_inline() && b.header >= 1 && b.header <= static_cast<int>(lines.size())) {
      std::string header = lines[b.header - 1];
      header.erase(std::remove_if(header.begin(), header.end(),
                                  [](char c) { return c == ' ' || c == '\t'; }),
                   header.end());
      b.editable = header.starts_with("[[source]]") &&
                   (header.size() == 10 || header[10] == '#' || header[10] == '\r');
    }
    return b;
  }
  return std::nullopt;
}

Result<toml::table> parse_toml(std::string_view text, std::string_view file) {
  try {
    return toml::parse(text, std::string_view(file));
  } catch (const toml::parse_error& e) {
    return fail(ErrorCode::invalid_argument,
                fmt::format("{}:{}: {}", file, e.source().begin.line, e.description()));
  }
}

// The fallback: the catalogue changed as a value and written whole.
EditedText rewrite(const Catalogue& changed) {
  return EditedText{format_catalogue(changed, kRewrittenHeader), true};
}

// Checks an edited text: it must parse to exactly `expected` (lines aside), so that an edit in
// place never changes more, or less, than the value edit would.
bool verified(std::string_view text, std::string_view file, const Catalogue& expected) {
  auto parsed = parse_catalogue(text, file);
  if (!parsed || parsed->sources.size() != expected.sources.size()) return false;
  for (std::size_t i = 0; i < expected.sources.size(); ++i) {
    SourceEntry a = parsed->sources[i], b = expected.sources[i];
    a.line = b.line = 0;
    if (!(a == b)) return false;
  }
  return true;
}

}  // namespace

std::string format_catalogue(const Catalogue& catalogue, std::string_view header) {
  std::string out(header);
  for (const SourceEntry& e : catalogue.sources) out += "\n" + format_entry(e);
  return out;
}

Result<EditedText> add_source(std::string_view text, std::string_view file,
                              const SourceEntry& entry) {
  auto current = parse_catalogue(text, file);
  if (!current) return std::unexpected(current.error());
  if (current->find(entry.name)) {
    return fail(ErrorCode::conflict, fmt::format("a source named '{}' exists already", entry.name));
  }
  std::string out(text);
  if (!out.empty() && out.back() != '\n') out += '\n';
  if (!out.empty()) out += '\n';
  out += format_entry(entry);
  Catalogue changed = *current;
  changed.sources.push_back(entry);
  if (verified(out, file, changed)) return EditedText{out, false};
  return rewrite(changed);
}

Result<EditedText> remove_source(std::string_view text, std::string_view file,
                                 std::string_view name) {
  auto current = parse_catalogue(text, file);
  if (!current) return std::unexpected(current.error());
  if (!current->find(name)) {
    return fail(ErrorCode::not_found, fmt::format("no source named '{}'", name));
  }
  Catalogue changed = *current;
  std::erase_if(changed.sources, [&](const SourceEntry& e) { return e.name == name; });

  auto root = parse_toml(text, file);
  if (!root) return std::unexpected(root.error());
  std::vector<std::string> lines = split_lines(text);
  auto block = find_block(*root, lines, name);
  if (!block || !block->editable) return rewrite(changed);
  int first = block->header - 1;  // 0-based, inclusive
  int last = block->last;         // 0-based, exclusive
  // One blank line goes too, so that removing a block leaves no double gap.
  if (last < static_cast<int>(lines.size()) && blank(lines[last])) {
    ++last;
  } else if (first > 0 && blank(lines[first - 1])) {
    --first;
  }
  lines.erase(lines.begin() + first, lines.begin() + last);
  std::string out = join_lines(lines);
  if (verified(out, file, changed)) return EditedText{out, false};
  return rewrite(changed);
}

Result<EditedText> set_enabled(std::string_view text, std::string_view file, std::string_view name,
                               bool enabled) {
  auto current = parse_catalogue(text, file);
  if (!current) return std::unexpected(current.error());
  const SourceEntry* entry = current->find(name);
  if (!entry) return fail(ErrorCode::not_found, fmt::format("no source named '{}'", name));
  if (entry->enabled == enabled) return EditedText{std::string(text), false};
  Catalogue changed = *current;
  for (SourceEntry& e : changed.sources) {
    if (e.name == name) e.enabled = enabled;
  }

  auto root = parse_toml(text, file);
  if (!root) return std::unexpected(root.error());
  std::vector<std::string> lines = split_lines(text);
  auto block = find_block(*root, lines, name);
  if (!block || !block->editable) return rewrite(changed);
  const std::string value = enabled ? "true" : "false";
  if (block->enabled > 0) {
    std::string& line = lines[block->enabled - 1];
    const auto begin = static_cast<std::size_t>(block->enabled_begin - 1);
    const auto end = static_cast<std::size_t>(block->enabled_end - 1);
    if (end <= line.size() && begin < end) line.replace(begin, end - begin, value);
  } else {
    lines.insert(lines.begin() + block->header, "enabled = " + value);
  }
  std::string out = join_lines(lines);
  if (verified(out, file, changed)) return EditedText{out, false};
  return rewrite(changed);
}

}  // namespace ah::catalogue
