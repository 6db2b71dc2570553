#include "sources/s2/parser.h"

#include <algorithm>
#include <array>
#include <nlohmann/json.hpp>

#include "core/identifiers.h"
#include "core/paper.h"
#include "core/text.h"

namespace ah::sources::s2 {
namespace {

using nlohmann::json;

std::string str(const json& object, const char* key) {
  if (!object.is_object()) return {};
  auto it = object.find(key);
  if (it == object.end()) return {};
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number_integer()) return std::to_string(it->get<std::int64_t>());
  return {};
}

std::optional<std::int64_t> num(const json& object, const char* key) {
  if (!object.is_object()) return std::nullopt;
  auto it = object.find(key);
  if (it == object.end() || !it->is_number_integer()) return std::nullopt;
  return it->get<std::int64_t>();
}

const json& member(const json& object, const char* key) {
  static const json kNull;
  if (!object.is_object()) return kNull;
  auto it = object.find(key);
  return it == object.end() ? kNull : *it;
}

void add_id(core::Paper& p, const char* scheme, const std::string& value) {
  if (value.empty()) return;
  auto id = core::normalize_identifier(scheme, value);
  if (id && std::find(p.other_ids.begin(), p.other_ids.end(), *id) == p.other_ids.end()) {
    p.other_ids.push_back(std::move(*id));
  }
}

core::WorkType work_type(const json& types) {
  using core::WorkType;
  static constexpr std::array<std::pair<std::string_view, WorkType>, 13> kOrder = {{
      {"Editorial", WorkType::editorial},
      {"News", WorkType::editorial},
      {"LettersAndComments", WorkType::letter},
      {"Review", WorkType::review},
      {"Book", WorkType::book},
      {"BookSection", WorkType::chapter},
      {"Conference", WorkType::proceedings},
      {"Dataset", WorkType::dataset},
      {"JournalArticle", WorkType::article},
      {"CaseReport", WorkType::article},
      {"ClinicalTrial", WorkType::article},
      {"MetaAnalysis", WorkType::article},
      {"Study", WorkType::article},
  }};
  if (!types.is_array()) return WorkType::unknown;
  for (const auto& [name, type] : kOrder) {
    for (const json& t : types) {
      if (t.is_string() && t.get_ref<const std::string&>() == name) return type;
    }
  }
  return WorkType::unknown;
}

// "82 - 86" -> "82-86"; "\n   E7\n  " -> "E7": blanks collapsed and trimmed, none beside a dash.
std::string tidy_pages(const std::string& pages) {
  std::string out;
  bool blank = false;
  for (char c : pages) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      blank = true;
      continue;
    }
    if (blank && !out.empty() && out.back() != '-' && c != '-') out.push_back(' ');
    blank = false;
    out.push_back(c);
  }
  return out;
}

void add_issn(core::Paper& p, const std::string& text) {
  std::string compact;
  for (char c : text) {
    if (c != '-' && c != ' ') compact.push_back(c == 'x' ? 'X' : c);
  }
  if (compact.size() != 8) return;
  std::string issn = compact.substr(0, 4) + "-" + compact.substr(4);
  if (std::find(p.issns.begin(), p.issns.end(), issn) == p.issns.end()) p.issns.push_back(issn);
}

// One paper object -> `out.papers` or `out.papers.rejected`.
void read_paper(const json& j, std::string_view origin, std::size_t index, Document& out) {
  const std::string where = std::string(origin) + ": paper " + std::to_string(index);
  core::Paper p;
  p.source = core::source::kSemanticScholar;
  auto paper_id = core::normalize_identifier("s2", str(j, "paperId"));
  if (!paper_id) {
    out.papers.rejected.push_back({where, "no paperId"});
    return;
  }
  p.source_id = paper_id->value;
  p.other_ids.push_back(*paper_id);
  const json& ext = member(j, "externalIds");
  std::string corpus = str(ext, "CorpusId");
  if (corpus.empty()) corpus = str(j, "corpusId");
  add_id(p, "s2corpus", corpus);
  add_id(p, "pmid", str(ext, "PubMed"));
  add_id(p, "pmcid", str(ext, "PubMedCentral"));
  add_id(p, "mag", str(ext, "MAG"));
  if (auto doi = core::normalize_doi(str(ext, "DOI"))) p.doi = *doi;
  if (auto arxiv = core::ArxivId::parse(str(ext, "ArXiv"))) {
    p.arxiv_id = arxiv->id;
  } else if (std::string id = core::arxiv_id_from_doi(p.doi); !id.empty()) {
    p.arxiv_id = id;
  }

  p.title = str(j, "title");
  p.abstract = str(j, "abstract");
  const json& journal = member(j, "journal");
  const json& venue = member(j, "publicationVenue");
  p.venue = str(j, "venue");
  if (p.venue.empty()) p.venue = str(journal, "name");
  if (p.venue.empty()) p.venue = str(venue, "name");
  p.volume = tidy_pages(str(journal, "volume"));
  p.pages = tidy_pages(str(journal, "pages"));
  add_issn(p, str(venue, "issn"));
  for (const json& issn : member(venue, "alternate_issns")) {
    if (issn.is_string()) add_issn(p, issn.get<std::string>());
  }
  p.published = core::normalize_date(str(j, "publicationDate"));
  if (p.published.empty()) {
    if (auto year = num(j, "year"); year && *year >= 1000 && *year <= 9999) {
      p.published = std::to_string(*year) + "-01-01";
    }
  }
  for (const json& a : member(j, "authors")) {
    core::Author author;
    author.name = str(a, "name");
    if (std::string id = str(a, "authorId"); !id.empty()) author.ids.push_back({"s2", id});
    p.authors.push_back(std::move(author));
  }
  p.type = work_type(member(j, "publicationTypes"));
  p.abs_url = str(j, "url");
  const json& pdf = member(j, "openAccessPdf");
  p.pdf_url = str(pdf, "url");
  if (!p.pdf_url.empty()) p.license = str(pdf, "license");

  if (p.title.empty()) {
    out.papers.rejected.push_back({where + " (id " + p.source_id + ")", "no title"});
    return;
  }
  core::Finalized f = core::finalize(p);
  if (f.authors_capped()) out.papers.capped.push_back({where, f.authors_given});
  out.papers.papers.push_back(std::move(p));
}

Author read_author(const json& j) {
  Author a;
  a.author_id = str(j, "authorId");
  a.name = str(j, "name");
  a.url = str(j, "url");
  a.homepage = str(j, "homepage");
  for (const json& aff : member(j, "affiliations")) {
    if (aff.is_string() && !aff.get_ref<const std::string&>().empty()) {
      a.affiliations.push_back(aff.get<std::string>());
    }
  }
  a.paper_count = num(j, "paperCount");
  a.citation_count = num(j, "citationCount");
  a.h_index = num(j, "hIndex");
  const json& ext = member(j, "externalIds");
  if (auto orcid = core::normalize_identifier("orcid", str(ext, "ORCID"))) a.orcid = orcid->value;
  const json& dblp = member(ext, "DBLP");
  if (dblp.is_string()) a.dblp.push_back(dblp.get<std::string>());
  for (const json& d : dblp) {
    if (d.is_string()) a.dblp.push_back(d.get<std::string>());
  }
  return a;
}

bool is_author(const json& j) {
  return j.is_object() && j.contains("authorId") && !j.contains("paperId");
}

// The paper of a list item: the item itself, or the one a citation/reference item wraps.
const json& paper_of(const json& item) {
  for (const char* key : {"citingPaper", "citedPaper"}) {
    const json& inner = member(item, key);
    if (inner.is_object()) return inner;
  }
  return item;
}

void read_items(const json& items, std::string_view origin, Document& out) {
  const bool authors = std::any_of(items.begin(), items.end(), is_author);
  out.kind = authors ? Kind::authors : Kind::papers;
  std::size_t index = 0;
  for (const json& item : items) {
    ++index;
    if (item.is_null()) {
      out.missing.push_back(index - 1);
      continue;
    }
    if (authors) {
      if (item.is_object()) out.authors.push_back(read_author(item));
    } else {
      read_paper(paper_of(item), origin, index, out);
    }
  }
}

}  // namespace

Result<Document> parse_document(std::string_view bytes, std::string_view origin) {
  json j = json::parse(bytes, nullptr, /*allow_exceptions=*/false);
  auto bad = [&](std::string why) {
    return fail(ErrorCode::bad_upstream_data, std::string(origin) + ": " + why +
                                                  " (a Semantic Scholar Graph API answer was "
                                                  "expected)");
  };
  if (j.is_discarded()) return bad("not JSON");
  Document out;
  if (j.is_array()) {
    read_items(j, origin, out);
    return out;
  }
  if (!j.is_object()) return bad("not a JSON object or array");
  if (!j.contains("paperId") && !j.contains("authorId") && !j.contains("data") &&
      (j.contains("error") || j.contains("message"))) {
    out.kind = Kind::error;
    out.error_message = str(j, "error");
    if (out.error_message.empty()) out.error_message = str(j, "message");
    out.error_code = str(j, "code");
    if (out.error_code.empty()) out.error_code = "error";
    return out;
  }
  if (j.contains("paperId")) {
    read_paper(j, origin, 1, out);
    return out;
  }
  if (j.contains("authorId")) {
    out.kind = Kind::authors;
    out.authors.push_back(read_author(j));
    return out;
  }
  if (!j.contains("data") && !j.contains("offset") && !j.contains("total")) {
    return bad("neither a paper, an author, a page nor an error object");
  }
  out.total = num(j, "total");
  out.offset = num(j, "offset");
  out.next = num(j, "next");
  const json& data = member(j, "data");
  if (!data.is_null() && !data.is_array()) return bad("\"data\" is not a list");
  if (data.is_array()) read_items(data, origin, out);
  out.papers.info.total_results = out.total;
  out.papers.info.start_index = out.offset;
  return out;
}

Result<ParseResult> parse_papers(std::string_view bytes, std::string_view origin) {
  auto doc = parse_document(bytes, origin);
  if (!doc) return std::unexpected(doc.error());
  switch (doc->kind) {
    case Kind::papers:
      return std::move(doc->papers);
    case Kind::authors:
      return fail(ErrorCode::bad_upstream_data,
                  std::string(origin) +
                      ": Semantic Scholar authors, not paper records (academichub s2 authors "
                      "looks authors up)");
    case Kind::error: {
      ParseResult out;
      out.info.answer = Answer::error;
      out.info.error_code = doc->error_code;
      out.info.error_message = doc->error_message;
      return out;
    }
  }
  return std::move(doc->papers);
}

}  // namespace ah::sources::s2
