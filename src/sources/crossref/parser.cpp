#include "sources/crossref/parser.h"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/identifiers.h"
#include "core/paper.h"
#include "sources/common/issn.h"
#include "sources/common/markup_text.h"
#include "sources/common/notice_title.h"

namespace ah::sources::crossref {
namespace {

using core::NoticeKind;
using core::Relation;
using core::RelationType;
using core::WorkType;
using nlohmann::json;

// --- reading JSON without exceptions ------------------------------------------------------------

const json* field(const json& object, const char* key) {
  if (!object.is_object()) return nullptr;
  auto it = object.find(key);
  return it == object.end() || it->is_null() ? nullptr : &*it;
}

std::string str(const json& object, const char* key) {
  const json* v = field(object, key);
  return v && v->is_string() ? v->get<std::string>() : std::string();
}

// The first string of an array field ("title": ["..."]), or the field itself when it is one.
std::string first_str(const json& object, const char* key) {
  const json* v = field(object, key);
  if (!v) return {};
  if (v->is_string()) return v->get<std::string>();
  if (v->is_array()) {
    for (const json& e : *v) {
      if (e.is_string() && !e.get<std::string>().empty()) return e.get<std::string>();
    }
  }
  return {};
}

const json& array_or_empty(const json& object, const char* key) {
  static const json kEmpty = json::array();
  const json* v = field(object, key);
  return v && v->is_array() ? *v : kEmpty;
}

std::string lower(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

std::string trimmed(std::string_view s) {
  while (!s.empty() &&
         (s.front() == ' ' || s.front() == '\n' || s.front() == '\r' || s.front() == '\t')) {
    s.remove_prefix(1);
  }
  while (!s.empty() &&
         (s.back() == ' ' || s.back() == '\n' || s.back() == '\r' || s.back() == '\t')) {
    s.remove_suffix(1);
  }
  return std::string(s);
}

// --- dates ------------------------------------------------------------------------------------

int part(const json& v) {
  if (v.is_number_integer()) return v.get<int>();
  if (v.is_string()) {
    int out = 0;
    for (char c : v.get<std::string>()) {
      if (c < '0' || c > '9') return 0;
      out = out * 10 + (c - '0');
    }
    return out;
  }
  return 0;
}

// {"date-parts": [[2012, 3, 21]]} -> "2012-03-21"; [[2012, 3]] -> "2012-03"; [[2012]] -> "2012";
// [[null]] or no date -> "".
std::string date_of(const json& work, const char* key) {
  const json* d = field(work, key);
  if (!d) return {};
  const json* parts = field(*d, "date-parts");
  if (!parts || !parts->is_array() || parts->empty() || !(*parts)[0].is_array()) return {};
  const json& p = (*parts)[0];
  const int y = p.size() > 0 ? part(p[0]) : 0;
  const int m = p.size() > 1 ? part(p[1]) : 0;
  const int day = p.size() > 2 ? part(p[2]) : 0;
  if (y < 1 || y > 9999) return {};
  if (m < 1 || m > 12) return fmt::format("{:04d}", y);
  if (day < 1 || day > 31) return fmt::format("{:04d}-{:02d}", y, m);
  return fmt::format("{:04d}-{:02d}-{:02d}", y, m, day);
}

// The first public date: the earliest of the most precise dates given.
std::string first_public_date(const json& work) {
  std::string best;
  for (const char* key : {"published-online", "published-print", "posted", "published", "issued"}) {
    std::string d = date_of(work, key);
    if (d.empty()) continue;
    if (best.empty() || d.size() > best.size() || (d.size() == best.size() && d < best)) {
      best = std::move(d);
    }
  }
  return best;
}

std::string date_time_of(const json& work, const char* key) {
  const json* d = field(work, key);
  if (!d) return {};
  std::string t = str(*d, "date-time");
  return t.empty() ? date_of(work, key) : t;
}

// --- fields -----------------------------------------------------------------------------------

std::string title_of(const json& work) {
  std::string title = markup_line(first_str(work, "title"), TextForm::display);
  const std::string subtitle = markup_line(first_str(work, "subtitle"), TextForm::display);
  if (title.empty() || subtitle.empty() || title.find(subtitle) != std::string::npos) return title;
  const char last = title.back();
  return title + (last == ':' || last == '?' || last == '!' || last == '.' ? " " : ": ") + subtitle;
}

std::vector<core::Author> authors_of(const json& work) {
  std::vector<core::Author> out;
  std::vector<bool> first;
  for (const json& a : array_or_empty(work, "author")) {
    core::Author author;
    const std::string given = trimmed(str(a, "given")), family = trimmed(str(a, "family"));
    author.name = given.empty() ? family : family.empty() ? given : given + " " + family;
    if (const std::string suffix = trimmed(str(a, "suffix")); !suffix.empty() && !family.empty()) {
      author.name += " " + suffix;
    }
    if (author.name.empty()) author.name = trimmed(str(a, "name"));  // an organisation
    if (author.name.empty()) continue;
    if (const std::string orcid = str(a, "ORCID"); !orcid.empty()) {
      if (auto id = core::normalize_identifier("orcid", orcid)) author.orcid = id->value;
    }
    for (const json& aff : array_or_empty(a, "affiliation")) {
      const std::string name = trimmed(str(aff, "name"));
      if (name.empty()) continue;
      if (!author.affiliation.empty()) author.affiliation += "; ";
      author.affiliation += name;
    }
    first.push_back(str(a, "sequence") == "first");
    out.push_back(std::move(author));
  }
  // Crossref lists authors as deposited; the one marked first goes first (a stable move, so a
  // deposit that marks several keeps their order).
  std::vector<core::Author> ordered;
  for (size_t i = 0; i < out.size(); ++i) {
    if (first[i]) ordered.push_back(std::move(out[i]));
  }
  for (size_t i = 0; i < out.size(); ++i) {
    if (!first[i]) ordered.push_back(std::move(out[i]));
  }
  return ordered;
}

WorkType base_type(const std::string& type, const std::string& subtype) {
  if (type == "journal-article") return WorkType::article;
  if (type == "posted-content") {
    return subtype.empty() || subtype == "preprint" || subtype == "working_paper"
               ? WorkType::preprint
               : WorkType::other;
  }
  if (type == "proceedings-article") return WorkType::proceedings;
  for (const char* t : {"book-chapter", "book-part", "book-section", "reference-entry"}) {
    if (type == t) return WorkType::chapter;
  }
  for (const char* t : {"book", "monograph", "edited-book", "reference-book"}) {
    if (type == t) return WorkType::book;
  }
  if (type == "dataset") return WorkType::dataset;
  return type.empty() ? WorkType::unknown : WorkType::other;
}

WorkType notice_type(NoticeKind kind) {
  switch (kind) {
    case NoticeKind::retraction:
    case NoticeKind::withdrawal:  // a withdrawal notice takes the work back, as a retraction does
      return WorkType::retraction;
    case NoticeKind::expression_of_concern:
      return WorkType::expression_of_concern;
    case NoticeKind::erratum:
      return WorkType::erratum;
    case NoticeKind::correction:
      return WorkType::correction;
    default:
      return WorkType::unknown;
  }
}

// How strongly a notice kind marks its work, for a notice that names several.
int weight(NoticeKind kind) {
  switch (kind) {
    case NoticeKind::retraction:
      return 5;
    case NoticeKind::withdrawal:
      return 4;
    case NoticeKind::expression_of_concern:
      return 3;
    case NoticeKind::erratum:
      return 2;
    case NoticeKind::correction:
      return 1;
    default:
      return 0;
  }
}

std::optional<core::Identifier> doi_id(std::string_view text) {
  auto doi = core::normalize_doi(text);
  if (!doi) return std::nullopt;
  return core::Identifier{"doi", *doi};
}

// A relation's target as {"id-type": "doi" | "arxiv" | "pmid" | "uri" ..., "id": "..."}.
std::optional<core::Identifier> relation_target(const json& r) {
  const std::string type = lower(str(r, "id-type"));
  const std::string id = trimmed(str(r, "id"));
  if (id.empty()) return std::nullopt;
  if (type == "doi" || type == "uri") return doi_id(id);
  if (type == "arxiv") {
    auto a = core::ArxivId::parse(id);
    if (!a) return std::nullopt;
    return core::Identifier{"arxiv", a->id};
  }
  auto other = core::normalize_identifier(type, id);
  if (!other) return std::nullopt;
  return *other;
}

void add_relation(std::vector<Relation>& out, Relation r) {
  for (Relation& existing : out) {
    // Publisher and Retraction Watch often report one notice each: one relation, keeping a date.
    if (existing.type == r.type && existing.target == r.target && existing.notice == r.notice) {
      if (existing.date.empty()) existing.date = r.date;
      return;
    }
  }
  out.push_back(std::move(r));
}

std::string license_of(const json& work) {
  std::string best;
  int best_rank = 0;
  for (const json& l : array_or_empty(work, "license")) {
    const std::string url = trimmed(str(l, "URL"));
    if (url.empty()) continue;
    const std::string version = str(l, "content-version");
    const int rank = version == "vor" ? 3 : version == "unspecified" ? 2 : 1;
    if (rank > best_rank) {
      best = url;
      best_rank = rank;
    }
  }
  return best;
}

std::vector<std::string> issns_of(const json& work) {
  std::vector<std::string> out;
  auto add = [&](const std::string& text) {
    auto issn = format_issn(text);
    if (issn && std::find(out.begin(), out.end(), *issn) == out.end()) out.push_back(*issn);
  };
  for (const json& t : array_or_empty(work, "issn-type")) add(str(t, "value"));
  for (const json& t : array_or_empty(work, "ISSN")) {
    if (t.is_string()) add(t.get<std::string>());
  }
  return out;
}

std::string where(std::string_view origin, std::size_t index, std::string_view doi) {
  std::string out =
      index == 0 ? fmt::format("{}: work", origin) : fmt::format("{}: item {}", origin, index);
  if (!doi.empty()) out += fmt::format(" (id {})", doi);
  return out;
}

// One work object into `out` (a record or a rejection). `index` is 1-based in a list, 0 for a
// single work.
void read_work(const json& work, std::size_t index, std::string_view origin, ParseResult& out) {
  const std::string doi_text = str(work, "DOI");
  auto doi = core::normalize_doi(doi_text);
  if (!doi) {
    out.rejected.push_back({where(origin, index, doi_text),
                            doi_text.empty() ? "no DOI" : "not a DOI: '" + doi_text + "'"});
    return;
  }
  core::Paper p;
  p.source = core::source::kCrossref;
  p.doi = *doi;
  p.source_id = *doi;
  p.title = title_of(work);
  if (p.title.empty()) {
    out.rejected.push_back({where(origin, index, *doi), "no title"});
    return;
  }
  p.abstract = markup_to_text(str(work, "abstract"), TextForm::display);
  p.authors = authors_of(work);

  p.venue = markup_line(first_str(work, "container-title"));
  if (p.venue.empty()) {
    for (const json& inst : array_or_empty(work, "institution")) {
      if (p.venue = trimmed(str(inst, "name")); !p.venue.empty()) break;
    }
  }
  p.venue_short = markup_line(first_str(work, "short-container-title"));
  p.volume = trimmed(str(work, "volume"));
  p.issue = trimmed(str(work, "issue"));
  p.pages = trimmed(str(work, "page"));
  if (p.pages.empty()) p.pages = trimmed(str(work, "article-number"));
  p.publisher = trimmed(str(work, "publisher"));
  p.issns = issns_of(work);
  p.language = lower(trimmed(str(work, "language")));

  p.published = first_public_date(work);
  p.updated = date_time_of(work, "deposited");
  p.license = license_of(work);
  if (const json* resource = field(work, "resource")) {
    if (const json* primary = field(*resource, "primary"))
      p.abs_url = trimmed(str(*primary, "URL"));
  }
  for (const json& link : array_or_empty(work, "link")) {
    if (lower(str(link, "content-type")) == "application/pdf") {
      p.pdf_url = trimmed(str(link, "URL"));
      break;
    }
  }

  // Notices this work has (updated-by) and notices this work is (update-to).
  for (const json& u : array_or_empty(work, "updated-by")) {
    auto target = doi_id(str(u, "DOI"));
    if (!target) continue;
    const NoticeKind kind = core::notice_kind_from_source_word(str(u, "type"));
    add_relation(p.relations,
                 Relation{RelationType::updated_by, *target, kind, date_of(u, "updated")});
    if (kind == NoticeKind::retraction) p.retracted = true;
  }
  NoticeKind is_notice = NoticeKind::none;
  for (const json& u : array_or_empty(work, "update-to")) {
    auto target = doi_id(str(u, "DOI"));
    if (!target) continue;
    const NoticeKind kind = core::notice_kind_from_source_word(str(u, "type"));
    add_relation(p.relations,
                 Relation{RelationType::updates, *target, kind, date_of(u, "updated")});
    if (weight(kind) > weight(is_notice)) is_notice = kind;
  }
  if (const json* relation = field(work, "relation"); relation && relation->is_object()) {
    for (const auto& [name, type] :
         {std::pair<const char*, RelationType>{"has-preprint", RelationType::has_preprint},
          {"is-preprint-of", RelationType::is_preprint_of},
          {"is-identical-to", RelationType::same_as}}) {
      for (const json& r : array_or_empty(*relation, name)) {
        if (auto target = relation_target(r)) {
          add_relation(p.relations, Relation{type, *target, NoticeKind::none, {}});
        }
      }
    }
  }

  const std::string subtype = lower(str(work, "subtype"));
  p.type = base_type(lower(str(work, "type")), subtype);
  if (WorkType t = notice_type(is_notice); t != WorkType::unknown) {
    p.type = t;
  } else if (!subtype.empty() && p.type != WorkType::preprint) {
    const NoticeKind kind = core::notice_kind_from_source_word(subtype);
    if (WorkType st = notice_type(kind); st != WorkType::unknown) p.type = st;
  }
  if (p.type == WorkType::article || p.type == WorkType::other) {
    // A deposit that names no update: the title still says "Author Correction: ...".
    if (WorkType t = notice_type_from_title(p.title); t != WorkType::unknown) p.type = t;
  }

  const core::Finalized f = core::finalize(p);
  if (f.authors_capped()) out.capped.push_back({where(origin, index, p.doi), f.authors_given});
  out.papers.push_back(std::move(p));
}

// {"status": "failed", "message-type": "validation-failure", "message": [{"type", "value",
// "message"}, ...]} and other failures.
void read_failure(const json& root, FeedInfo& info) {
  info.answer = Answer::error;
  const json* message = field(root, "message");
  if (message && message->is_array()) {
    for (const json& m : *message) {
      if (info.error_code.empty()) info.error_code = str(m, "type");
      std::string text = str(m, "message");
      if (text.empty()) text = str(m, "type");
      if (!info.error_message.empty()) info.error_message += "; ";
      info.error_message += text;
    }
  } else if (message && message->is_object()) {
    info.error_code = str(*message, "name");
    info.error_message = str(*message, "message");
  } else if (message && message->is_string()) {
    info.error_message = message->get<std::string>();
  }
  if (info.error_code.empty()) info.error_code = str(root, "message-type");
}

}  // namespace

Result<ParseResult> parse_crossref(std::string_view bytes, std::string_view origin) {
  ParseResult out;
  const std::string text = trimmed(bytes.substr(0, 200));
  if (text.starts_with("Resource not found")) {
    // The 404 of /works/{doi}, of an unknown ISSN and of an expired cursor: plain text.
    out.info.answer = Answer::error;
    out.info.error_code = "resource-not-found";
    out.info.error_message = text;
    return out;
  }
  json root = json::parse(bytes, nullptr, /*allow_exceptions=*/false);
  if (root.is_discarded()) {
    // Find where it stops being JSON, for the message.
    std::string why;
    try {
      const json again = json::parse(bytes);  // throws where the non-throwing parse gave up
    } catch (const json::parse_error& e) {
      why = fmt::format(" (byte {} of {})", e.byte, bytes.size());
    }
    return fail(ErrorCode::bad_upstream_data,
                fmt::format("{}: not a Crossref answer: not valid JSON{}: '{}'", origin, why,
                            text.substr(0, 80)));
  }
  const std::string type = str(root, "message-type");
  const std::string status = str(root, "status");
  if (type.empty() || !field(root, "message")) {
    return fail(ErrorCode::bad_upstream_data,
                fmt::format("{}: not a Crossref answer (no message-type and message)", origin));
  }
  if (status != "ok") {
    read_failure(root, out.info);
    return out;
  }
  const json& message = root["message"];
  if (type == "work") {
    read_work(message, 0, origin, out);
    return out;
  }
  if (type != "work-list") {
    return fail(ErrorCode::bad_upstream_data,
                fmt::format("{}: a Crossref '{}' answer, not works", origin, type));
  }
  if (const json* total = field(message, "total-results"); total && total->is_number_integer()) {
    out.info.total_results = total->get<std::int64_t>();
  }
  if (const json* per = field(message, "items-per-page"); per && per->is_number_integer()) {
    out.info.items_per_page = per->get<std::int64_t>();
  }
  out.info.next_cursor = str(message, "next-cursor");
  std::size_t index = 0;
  for (const json& work : array_or_empty(message, "items")) read_work(work, ++index, origin, out);
  return out;
}

}  // namespace ah::sources::crossref
