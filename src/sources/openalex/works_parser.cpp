#include "sources/openalex/works_parser.h"

#include <simdjson.h>

#include <algorithm>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/identifiers.h"
#include "core/paper.h"
#include "core/text.h"
#include "sources/common/markup_text.h"
#include "sources/openalex/inverted_index.h"
#include "sources/openalex/locations.h"

namespace ah::sources::openalex {
namespace {

// The DOM API picks the best kernel at run time (see sources/arxiv/jsonl_parser.cpp).
namespace dom = simdjson::dom;

std::string_view trim(std::string_view s) {
  while (!s.empty() &&
         (s.front() == ' ' || s.front() == '\t' || s.front() == '\n' || s.front() == '\r')) {
    s.remove_prefix(1);
  }
  while (!s.empty() &&
         (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

// A string value, or "" for null, a missing key and other types.
std::string_view str(const dom::element& e) {
  std::string_view s;
  if (e.get_string().get(s)) return {};
  return trim(s);
}

std::string_view str(const dom::object& o, std::string_view key) {
  dom::element e;
  if (o.at_key(key).get(e)) return {};
  return str(e);
}

// A string, or a whole number written as one ("mag": 2109415576 in older answers).
std::string str_or_number(const dom::object& o, std::string_view key) {
  dom::element e;
  if (o.at_key(key).get(e)) return {};
  std::uint64_t n = 0;
  if (!e.get_uint64().get(n)) return std::to_string(n);
  return std::string(str(e));
}

std::optional<dom::object> object(const dom::object& o, std::string_view key) {
  dom::object out;
  if (o.at_key(key).get_object().get(out)) return std::nullopt;
  return out;
}

std::optional<dom::array> array(const dom::object& o, std::string_view key) {
  dom::array out;
  if (o.at_key(key).get_array().get(out)) return std::nullopt;
  return out;
}

bool flag(const dom::object& o, std::string_view key) {
  bool b = false;
  if (o.at_key(key).get_bool().get(b)) return false;
  return b;
}

std::optional<std::int64_t> integer(const dom::object& o, std::string_view key) {
  std::int64_t n = 0;
  if (o.at_key(key).get_int64().get(n)) return std::nullopt;
  return n;
}

void add_unique(std::vector<std::string>& list, std::string_view value) {
  if (value.empty()) return;
  if (std::find(list.begin(), list.end(), value) == list.end()) list.emplace_back(value);
}

std::string join(const std::vector<std::string>& parts) {
  std::string out;
  for (const std::string& p : parts) {
    if (!out.empty()) out += "; ";
    out += p;
  }
  return out;
}

// {"word": [3, 17], ...} -> the text; empty when `e` is no object.
std::string abstract_of(const dom::element& e) {
  dom::object index;
  if (e.get_object().get(index)) return {};
  std::vector<WordAt> words;
  for (dom::key_value_pair kv : index) {
    dom::array positions;
    if (kv.value.get_array().get(positions)) continue;
    for (dom::element p : positions) {
      std::int64_t at = 0;
      if (!p.get_int64().get(at)) words.push_back({at, kv.key});
    }
  }
  // Plain words: escaped so that display_text never reads a literal "$5" as a formula.
  return sources::escape_for_display(rebuild_abstract(std::move(words)));
}

// "https://openalex.org/A5004589339" -> ("openalex", "A5004589339"); nullopt for anything else.
std::optional<core::Identifier> author_id(std::string_view text) {
  for (std::string_view prefix : {"https://openalex.org/", "http://openalex.org/"}) {
    if (text.starts_with(prefix)) text.remove_prefix(prefix.size());
  }
  if (text.size() < 2 || (text[0] != 'A' && text[0] != 'a')) return std::nullopt;
  std::string_view digits = text.substr(1);
  if (digits.size() > 20 ||
      !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return std::nullopt;
  }
  return core::Identifier{"openalex", "A" + std::string(digits)};
}

core::Author read_author(const dom::object& authorship) {
  core::Author a;
  if (auto author = object(authorship, "author")) {
    a.name = str(*author, "display_name");
    if (auto orcid = core::normalize_identifier("orcid", str(*author, "orcid"))) {
      a.orcid = orcid->value;
    }
    if (auto id = author_id(str(*author, "id"))) a.ids.push_back(std::move(*id));
  }
  if (a.name.empty()) a.name = str(authorship, "raw_author_name");
  std::vector<std::string> affiliations;
  if (auto institutions = array(authorship, "institutions")) {
    for (dom::element i : *institutions) {
      dom::object institution;
      if (!i.get_object().get(institution))
        add_unique(affiliations, str(institution, "display_name"));
    }
  }
  if (affiliations.empty()) {
    if (auto raw = array(authorship, "raw_affiliation_strings")) {
      for (dom::element s : *raw) add_unique(affiliations, str(s));
    }
  }
  a.affiliation = join(affiliations);
  return a;
}

Location read_location(const dom::object& o) {
  Location l;
  l.id = str(o, "id");
  l.landing_page_url = str(o, "landing_page_url");
  l.pdf_url = str(o, "pdf_url");
  l.version = str(o, "version");
  if (auto source = object(o, "source")) l.source_name = str(*source, "display_name");
  return l;
}

// Venue, ISSNs and publisher from the primary location's source.
void read_venue(const dom::object& source, core::Paper& p) {
  const std::string_view name = str(source, "display_name");
  const std::string_view server = preprint_server(name);
  p.venue = server.empty() ? std::string(name) : std::string(server);
  p.publisher = str(source, "host_organization_name");
  auto add_issn = [&](std::string_view issn) {
    std::string upper(issn);
    std::transform(upper.begin(), upper.end(), upper.begin(),
                   [](char c) { return c == 'x' ? 'X' : c; });
    add_unique(p.issns, upper);
  };
  if (auto issns = array(source, "issn")) {
    for (dom::element e : *issns) add_issn(str(e));
  }
  add_issn(str(source, "issn_l"));
}

void read_biblio(const dom::object& biblio, core::Paper& p) {
  p.volume = str(biblio, "volume");
  p.issue = str(biblio, "issue");
  const std::string_view first = str(biblio, "first_page");
  const std::string_view last = str(biblio, "last_page");
  p.pages = first;
  if (!first.empty() && !last.empty() && last != first) p.pages += "-" + std::string(last);
}

// Reads one work into `p`; returns an empty string, or why the work is rejected. `id_text` gets
// the work's id as given, for the rejection's location.
std::string read_work(const dom::object& w, core::Paper& p, std::string& id_text) {
  id_text = str(w, "id");
  auto id = core::normalize_identifier("openalex", id_text);
  if (!id) return id_text.empty() ? "no OpenAlex work id" : "not an OpenAlex work id";
  id_text = id->value;
  p.source = core::source::kOpenalex;
  p.source_id = id->value;

  // OpenAlex keeps the publisher's inline tags in titles ("<i>E. coli</i>").
  p.title = sources::markup_line(str(w, "title"), sources::TextForm::display);
  if (p.title.empty()) p.title = sources::markup_line(str(w, "display_name"), sources::TextForm::display);
  if (p.title.empty()) return "no title";

  auto ids = object(w, "ids");
  std::string_view doi_text = str(w, "doi");
  if (doi_text.empty() && ids) doi_text = str(*ids, "doi");
  if (auto doi = core::normalize_doi(doi_text)) p.doi = std::move(*doi);
  p.arxiv_id = core::arxiv_id_from_doi(p.doi);
  for (const char* scheme : {"pmid", "pmcid"}) {
    if (!ids) break;
    if (auto other = core::normalize_identifier(scheme, str(*ids, scheme))) {
      p.other_ids.push_back(std::move(*other));
    }
  }
  p.other_ids.push_back(std::move(*id));
  if (ids) {
    if (auto mag = core::normalize_identifier("mag", str_or_number(*ids, "mag"))) {
      p.other_ids.push_back(std::move(*mag));
    }
  }

  p.published = core::normalize_date(str(w, "publication_date"));
  p.updated = core::normalize_date(str(w, "updated_date"));
  p.language = str(w, "language");
  std::string_view crossref_type = str(w, "type_crossref");
  p.type = work_type(str(w, "type"), crossref_type);
  p.retracted = flag(w, "is_retracted");

  dom::element index;
  if (!w.at_key("abstract_inverted_index").get(index) && !index.is_null()) {
    p.abstract = abstract_of(index);
  } else if (!w.at_key("abstract_inverted_index_v3").get(index)) {
    p.abstract = abstract_of(index);
  }

  if (auto authorships = array(w, "authorships")) {
    for (dom::element e : *authorships) {
      dom::object authorship;
      if (!e.get_object().get(authorship)) p.authors.push_back(read_author(authorship));
    }
  }

  auto primary = object(w, "primary_location");
  auto best_oa = object(w, "best_oa_location");
  bool on_preprint_server = false;
  if (primary) {
    if (auto source = object(*primary, "source")) {
      read_venue(*source, p);
      on_preprint_server = !preprint_server(str(*source, "display_name")).empty();
    }
    p.abs_url = str(*primary, "landing_page_url");
    p.license = str(*primary, "license");
  }
  if (best_oa) {
    p.pdf_url = str(*best_oa, "pdf_url");
    if (p.license.empty()) p.license = str(*best_oa, "license");
  }
  if (p.pdf_url.empty() && primary) p.pdf_url = str(*primary, "pdf_url");
  if (auto biblio = object(w, "biblio")) read_biblio(*biblio, p);

  std::vector<Location> locations;
  if (auto list = array(w, "locations")) {
    for (dom::element e : *list) {
      dom::object location;
      if (!e.get_object().get(location)) locations.push_back(read_location(location));
    }
  } else {
    for (const auto& location : {primary, best_oa}) {
      if (location) locations.push_back(read_location(*location));
    }
  }
  std::vector<core::Identifier> own = p.other_ids;
  if (!p.doi.empty()) own.push_back({"doi", p.doi});
  if (!p.arxiv_id.empty()) own.push_back({"arxiv", p.arxiv_id});
  const bool preprint = p.type == core::WorkType::preprint || on_preprint_server;
  p.relations = location_relations(locations, preprint, own);
  return {};
}

std::string where(std::string_view origin, std::optional<std::size_t> index, std::string_view id) {
  std::string out(origin);
  out += index ? ": result " + std::to_string(*index) : std::string(": work");
  if (!id.empty()) out += " (id " + std::string(id) + ")";
  return out;
}

// Reads one work into `result`, as a paper or a rejection.
void add_work(const dom::element& e, std::string_view origin, std::optional<std::size_t> index,
              ParseResult& result) {
  dom::object w;
  if (e.get_object().get(w)) {
    result.rejected.push_back({where(origin, index, ""), "not a JSON object"});
    return;
  }
  core::Paper p;
  std::string id_text;
  std::string why = read_work(w, p, id_text);
  if (!why.empty()) {
    result.rejected.push_back({where(origin, index, id_text), std::move(why)});
    return;
  }
  core::Finalized f = core::finalize(p);
  if (f.authors_capped()) result.capped.push_back({where(origin, index, id_text), f.authors_given});
  result.papers.push_back(std::move(p));
}

}  // namespace

core::WorkType work_type(std::string_view openalex_type, std::string_view crossref_type) {
  using core::WorkType;
  struct Row {
    std::string_view name;
    WorkType type;
  };
  static constexpr Row kTypes[] = {
      {"article", WorkType::article},
      {"preprint", WorkType::preprint},
      {"review", WorkType::review},
      {"book-chapter", WorkType::chapter},
      {"book", WorkType::book},
      {"dataset", WorkType::dataset},
      {"editorial", WorkType::editorial},
      {"erratum", WorkType::erratum},
      {"retraction", WorkType::retraction},
      {"letter", WorkType::letter},
  };
  if (openalex_type.empty()) return WorkType::unknown;
  for (const Row& row : kTypes) {
    if (row.name != openalex_type) continue;
    if (row.type == WorkType::article && crossref_type == "proceedings-article") {
      return WorkType::proceedings;
    }
    return row.type;
  }
  return WorkType::other;
}

Result<ParseResult> parse_works(std::string_view bytes, std::string_view origin) {
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
  if (root.get_object().get(o)) {
    return fail(ErrorCode::bad_upstream_data,
                std::string(origin) + ": not an OpenAlex answer (a JSON value that is no object)");
  }
  ParseResult result;
  if (auto results = array(o, "results")) {
    if (auto meta = object(o, "meta")) {
      result.info.total_results = integer(*meta, "count");
      result.info.items_per_page = integer(*meta, "per_page");
      result.info.resumption_token = str(*meta, "next_cursor");
    }
    std::size_t index = 0;
    for (dom::element e : *results) add_work(e, origin, ++index, result);
    return result;
  }
  dom::element id;
  if (!o.at_key("id").get(id)) {
    add_work(root, origin, std::nullopt, result);
    return result;
  }
  if (!o.at_key("error").get(id)) {
    result.info.answer = Answer::error;
    result.info.error_code = str(o, "error");
    result.info.error_message = str(o, "message");
    return result;
  }
  return fail(ErrorCode::bad_upstream_data,
              std::string(origin) +
                  ": not an OpenAlex answer (neither a work, a list of works nor an error)");
}

}  // namespace ah::sources::openalex
