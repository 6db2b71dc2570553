#include "sources/biorxiv/details_parser.h"

#include <simdjson.h>

#include <algorithm>
#include <charconv>
#include <map>
#include <optional>
#include <string>
#include <utility>

#include "core/calendar.h"
#include "core/identifiers.h"
#include "core/text.h"
#include "sources/common/markup_text.h"

namespace ah::sources::biorxiv {
namespace {

// The DOM API picks the best kernel at run time (see sources/arxiv/jsonl_parser.cpp).
namespace dom = simdjson::dom;

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_blank(s.back())) s.remove_suffix(1);
  return s;
}

// Runs of blanks as one space, ends trimmed: "Luisa  Queiros" -> "Luisa Queiros".
std::string collapse(std::string_view s) {
  std::string out;
  for (char c : trim(s)) {
    if (is_blank(c)) {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// A string value, or "" for null, a missing key, other types and bioRxiv's "NA".
std::string_view str(const dom::object& o, std::string_view key) {
  std::string_view s;
  if (o.at_key(key).get_string().get(s)) return {};
  s = trim(s);
  return s == "NA" ? std::string_view() : s;
}

// A whole number given as a number or as a string of digits ("total": "152918").
std::optional<std::int64_t> count(const dom::object& o, std::string_view key) {
  dom::element e;
  if (o.at_key(key).get(e)) return std::nullopt;
  std::int64_t n = 0;
  if (!e.get_int64().get(n)) return n;
  std::string_view s;
  if (e.get_string().get(s)) return std::nullopt;
  s = trim(s);
  auto [end, error] = std::from_chars(s.data(), s.data() + s.size(), n);
  if (error != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return n;
}

// The first word and last word of a name, for matching "Luisa Queiros" to "L. Queiros".
std::string_view last_word(std::string_view name) {
  const std::size_t space = name.rfind(' ');
  return space == std::string_view::npos ? name : name.substr(space + 1);
}

// The posting date a new-style DOI carries: "10.1101/2021.09.30.462652" -> "2021-09-30"; empty
// when the DOI carries no real calendar day.
std::string date_from_doi(std::string_view doi) {
  const std::size_t slash = doi.find('/');
  if (slash == std::string_view::npos) return {};
  std::string_view s = doi.substr(slash + 1);
  if (s.size() < 11 || s[4] != '.' || s[7] != '.' || s[10] != '.') return {};
  std::string date(s.substr(0, 10));
  std::replace(date.begin(), date.end(), '.', '-');
  return core::valid_day(date) ? date : std::string();
}

// Gives the corresponding author's full name and institution to the listed author it names: the
// same surname and the same first initial. No such author: nothing changes.
void attach_corresponding(std::vector<core::Author>& authors, std::string_view name,
                          std::string_view institution) {
  const std::string full = collapse(name);
  if (full.empty()) return;
  const std::string surname = lower(last_word(full));
  for (core::Author& a : authors) {
    if (lower(last_word(a.name)) != surname || a.name.empty() ||
        std::tolower(static_cast<unsigned char>(a.name[0])) !=
            std::tolower(static_cast<unsigned char>(full[0]))) {
      continue;
    }
    if (full.find(' ') != std::string::npos) a.name = full;
    if (!institution.empty()) a.affiliation = collapse(institution);
    return;
  }
}

// One item of the collection: one version of a preprint.
struct Item {
  std::size_t index = 0;  // 1-based position in the collection
  std::string doi;
  int version = 0;
  std::string date;
  dom::object fields;
};

std::string where(std::string_view origin, std::size_t index, std::string_view id) {
  std::string out = std::string(origin) + ": item " + std::to_string(index);
  if (!id.empty()) out += " (id " + std::string(id) + ")";
  return out;
}

// The record of one DOI from its items (at least one), or why it is rejected.
std::string build_record(const std::vector<Item>& items, core::Paper& p) {
  const Item* newest = &items.front();
  for (const Item& item : items) {
    if (item.version >= newest->version) newest = &item;  // ties: the later one
  }
  const Item& latest = *newest;
  const dom::object& f = latest.fields;
  std::string server = lower(str(f, "server"));
  if (server.empty()) {
    server =
        str(f, "jatsxml").find("medrxiv.org") != std::string_view::npos ? "medrxiv" : "biorxiv";
  }
  const bool medrxiv = server == "medrxiv";
  p.source = medrxiv ? core::source::kMedrxiv : core::source::kBiorxiv;
  p.venue = medrxiv ? "medRxiv" : "bioRxiv";
  p.source_id = latest.doi;
  p.doi = latest.doi;
  p.type = core::WorkType::preprint;
  // The API's text is plain: escaped so that display_text never reads "$5" as a formula.
  p.title = sources::escape_for_display(str(f, "title"));
  if (p.title.empty()) return "no title";
  p.abstract = sources::escape_for_display(str(f, "abstract"));
  p.license = str(f, "license");
  if (std::string category = lower(str(f, "category")); !category.empty()) {
    p.categories.push_back(std::move(category));
  }
  p.authors = split_authors(str(f, "authors"));
  attach_corresponding(p.authors, str(f, "author_corresponding"),
                       str(f, "author_corresponding_institution"));

  for (const Item& item : items) {
    if (item.version > 0) p.versions.push_back({item.version, item.date, ""});
    if (item.version == 1 && p.published.empty()) p.published = item.date;
    if (auto journal = core::normalize_doi(str(item.fields, "published"))) {
      core::Relation r{core::RelationType::is_preprint_of, {"doi", std::move(*journal)}};
      if (std::find(p.relations.begin(), p.relations.end(), r) == p.relations.end()) {
        p.relations.push_back(std::move(r));
      }
    }
  }
  if (p.published.empty()) p.published = date_from_doi(latest.doi);
  p.version = latest.version;
  p.version_date = latest.date;
  p.updated = latest.date;
  const std::string version = latest.version > 0 ? "v" + std::to_string(latest.version) : "";
  p.abs_url = std::string(medrxiv ? "https://www.medrxiv.org/content/"
                                  : "https://www.biorxiv.org/content/") +
              latest.doi + version;
  p.pdf_url = p.abs_url + ".full.pdf";
  return {};
}

void read_messages(const dom::object& root, FeedInfo& info) {
  dom::array messages;
  dom::object m;
  if (root.at_key("messages").get_array().get(messages) || messages.size() == 0 ||
      messages.at(0).get_object().get(m)) {
    return;
  }
  info.cursor = count(m, "cursor");
  info.total_results = count(m, "total");
  const std::string_view status = str(m, "status");
  if (lower(status) == "no posts found") {
    info.answer = Answer::no_records;
    info.error_code = status;
  } else if (!status.empty() && lower(status) != "ok") {
    info.answer = Answer::error;
    info.error_code = status;
  }
}

}  // namespace

std::vector<core::Author> split_authors(std::string_view text) {
  std::vector<core::Author> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find(';', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view part = trim(text.substr(start, end - start));
    start = end + 1;
    if (part.empty()) continue;
    const std::size_t comma = part.find(',');
    std::string name;
    if (comma == std::string_view::npos) {
      name = collapse(part);
    } else {
      const std::string surname = collapse(part.substr(0, comma));
      const std::string given = collapse(part.substr(comma + 1));
      name = given.empty() ? surname : given + " " + surname;
    }
    if (!name.empty()) out.push_back({std::move(name), ""});
  }
  return out;
}

Result<ParseResult> parse_details(std::string_view bytes, std::string_view origin) {
  dom::parser parser;
  dom::element root;
  if (auto error = parser.parse(bytes.data(), bytes.size()).get(root)) {
    std::string head(trim(bytes.substr(0, 80)));
    std::replace(head.begin(), head.end(), '\n', ' ');
    return fail(ErrorCode::bad_upstream_data, std::string(origin) + ": not JSON (" +
                                                  simdjson::error_message(error) + "): '" + head +
                                                  "'");
  }
  dom::object o;
  dom::array collection;
  if (root.get_object().get(o) || o.at_key("collection").get_array().get(collection)) {
    return fail(ErrorCode::bad_upstream_data,
                std::string(origin) +
                    ": not a bioRxiv details answer (no \"collection\" list of preprints)");
  }
  ParseResult result;
  read_messages(o, result.info);
  result.info.items_per_page = static_cast<std::int64_t>(collection.size());

  std::vector<std::string> order;  // DOIs in order of first appearance
  std::map<std::string, std::vector<Item>, std::less<>> by_doi;
  std::size_t index = 0;
  for (dom::element e : collection) {
    ++index;
    Item item;
    item.index = index;
    if (e.get_object().get(item.fields)) {
      result.rejected.push_back({where(origin, index, ""), "not a JSON object"});
      continue;
    }
    const std::string_view doi_text = str(item.fields, "doi");
    auto doi = core::normalize_doi(doi_text);
    if (!doi) {
      result.rejected.push_back(
          {where(origin, index, doi_text), doi_text.empty() ? "no DOI" : "not a DOI"});
      continue;
    }
    item.doi = std::move(*doi);
    std::string_view version = str(item.fields, "version");
    if (version.starts_with('v') || version.starts_with('V')) version.remove_prefix(1);
    if (std::from_chars(version.data(), version.data() + version.size(), item.version).ec !=
            std::errc() ||
        item.version < 0 || item.version > 1000) {
      item.version = 0;
    }
    item.date = core::normalize_date(str(item.fields, "date"));
    auto [it, inserted] = by_doi.try_emplace(item.doi);
    if (inserted) order.push_back(item.doi);
    it->second.push_back(std::move(item));
  }

  for (const std::string& doi : order) {
    const std::vector<Item>& items = by_doi.find(doi)->second;
    core::Paper p;
    std::string why = build_record(items, p);
    if (!why.empty()) {
      result.rejected.push_back({where(origin, items.back().index, doi), std::move(why)});
      continue;
    }
    core::Finalized f = core::finalize(p);
    if (f.authors_capped()) {
      result.capped.push_back({where(origin, items.back().index, doi), f.authors_given});
    }
    result.papers.push_back(std::move(p));
  }
  return result;
}

}  // namespace ah::sources::biorxiv
