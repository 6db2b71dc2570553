// CSL-JSON, as Zotero, Mendeley, pandoc and citation.js write it: an array of items with
// "title", "author" [{"given", "family"} or {"literal"}], "issued" {"date-parts": [[y, m, d]]}
// (or "raw"/"literal"), "DOI", "URL", "PMID", and Zotero's "number": "arXiv:X" for preprints.
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "bibio/entries.h"

namespace ah::bibio::detail {
namespace {

using nlohmann::json;

// A string member, or a number member as text ("PMID": 123), or empty.
std::string text_of(const json& item, const char* key) {
  auto it = item.find(key);
  if (it == item.end()) return {};
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number_integer()) return std::to_string(it->get<long long>());
  return {};
}

// The end ('>') of the CSL rich-text tag (<i>, <b>, <sup>, <sub>, <sc>, <span ...>, or their
// closing tags) that starts at `at`, or npos when none does.
size_t known_tag_end(std::string_view s, size_t at) {
  const size_t end = s.find('>', at);
  if (end == std::string_view::npos) return end;
  std::string_view name = s.substr(at + 1, end - at - 1);
  if (name.starts_with('/')) name.remove_prefix(1);
  if (const size_t blank = name.find(' '); blank != std::string_view::npos) {
    name = name.substr(0, blank);
  }
  for (std::string_view known : {"i", "b", "sup", "sub", "sc", "span"}) {
    if (name == known) return end;
  }
  return std::string_view::npos;
}

// CSL's rich text in titles with its tags dropped.
std::string without_tags(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '<') {
      if (const size_t end = known_tag_end(s, i); end != std::string_view::npos) {
        i = end;
        continue;
      }
    }
    out += s[i];
  }
  return out;
}

int year_of(const json& item) {
  for (const char* key : {"issued", "published-print", "published-online", "created"}) {
    auto it = item.find(key);
    if (it == item.end()) continue;
    if (it->is_object()) {
      auto parts = it->find("date-parts");
      if (parts != it->end() && parts->is_array() && !parts->empty() && (*parts)[0].is_array() &&
          !(*parts)[0].empty()) {
        const json& y = (*parts)[0][0];
        if (y.is_number_integer()) return y.get<int>();
        if (y.is_string()) return year_in(y.get<std::string>());
      }
      for (const char* k : {"raw", "literal"}) {
        if (int y = year_in(text_of(*it, k))) return y;
      }
    } else if (it->is_string()) {
      if (int y = year_in(it->get<std::string>())) return y;
    }
  }
  return 0;
}

std::vector<std::string> authors_of(const json& item) {
  std::vector<std::string> out;
  auto it = item.find("author");
  if (it == item.end() || !it->is_array()) return out;
  for (const json& a : *it) {
    if (!a.is_object()) continue;
    std::string name = text_of(a, "literal");
    if (name.empty()) {
      for (const char* part :
           {"given", "dropping-particle", "non-dropping-particle", "family", "suffix"}) {
        const std::string p = text_of(a, part);
        if (p.empty()) continue;
        if (!name.empty()) name += ' ';
        name += p;
      }
    }
    if (std::string n = clean_title(name); !n.empty()) out.push_back(std::move(n));
  }
  return out;
}

// The offsets where the top-level array's elements start, found by scanning the text as JSON
// (strings skipped), since the parsed items carry no positions.
std::vector<size_t> element_offsets(std::string_view text) {
  std::vector<size_t> out;
  int depth = 0;
  bool expect = false;  // at depth 1, an element may start
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') continue;
    if (depth == 1 && expect && c != ']') {
      out.push_back(i);
      expect = false;
    }
    if (c == '"') {
      for (++i; i < text.size() && text[i] != '"'; ++i) {
        if (text[i] == '\\') ++i;
      }
    } else if (c == '[' || c == '{') {
      if (++depth == 1) expect = true;
    } else if (c == ']' || c == '}') {
      --depth;
    } else if (c == ',' && depth == 1) {
      expect = true;
    }
  }
  return out;
}

// nlohmann's message without its "[json.exception.parse_error.101] parse error at line 3,
// column 5: " prefix (the caller names the line itself).
std::string syntax_message(const std::string& what) {
  const size_t column = what.find("column ");
  const size_t colon = column == std::string::npos ? std::string::npos : what.find(": ", column);
  return colon == std::string::npos ? what : what.substr(colon + 2);
}

}  // namespace

Result<ParseResult> parse_csl_json(std::string_view text, std::string_view file_name) {
  const LineIndex lines(text);
  json doc;
  try {
    doc = json::parse(text.begin(), text.end());
  } catch (const json::parse_error& e) {
    return fail(ErrorCode::invalid_argument,
                at_line(file_name, lines.line_of(e.byte > 0 ? e.byte - 1 : 0),
                        "not valid JSON: " + syntax_message(e.what())));
  }
  std::vector<size_t> offsets = element_offsets(text);
  const json* items = &doc;
  if (doc.is_object()) {
    // A single item, or Zotero's API form {"items": [...]}.
    if (auto it = doc.find("items"); it != doc.end() && it->is_array()) {
      items = &*it;
      offsets.clear();
    } else if (doc.contains("title") || doc.contains("type") || doc.contains("DOI")) {
      json single = std::move(doc);
      doc = json::array();
      doc.push_back(std::move(single));
      offsets = {text.find('{')};
    }
  }
  if (!items->is_array()) {
    return fail(ErrorCode::invalid_argument,
                at_line(file_name, 1, "JSON that is not CSL-JSON (expected an array of items)"));
  }
  Collector out(file_name, Format::csl_json);
  for (size_t i = 0; i < items->size(); ++i) {
    const json& item = (*items)[i];
    const size_t line = i < offsets.size() ? lines.line_of(offsets[i]) : 1;
    if (!item.is_object()) {
      out.warn(line, "item " + std::to_string(i + 1) + " is not an object; skipped");
      continue;
    }
    Reference ref;
    ref.line = line;
    ref.key = text_of(item, "id");
    ref.title = clean_title(without_tags(text_of(item, "title")));
    ref.year = year_of(item);
    ref.authors = authors_of(item);
    take_doi(ref, text_of(item, "DOI"));
    take_pmid(ref, text_of(item, "PMID"));
    for (const char* key : {"URL", "number", "note", "archive_location", "extra"}) {
      scan_identifiers(ref, text_of(item, key));
    }
    out.add(std::move(ref), "item " + std::to_string(i + 1));
  }
  return out.finish();
}

}  // namespace ah::bibio::detail
