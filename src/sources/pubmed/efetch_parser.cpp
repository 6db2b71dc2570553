#include "sources/pubmed/efetch_parser.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/identifiers.h"
#include "core/paper.h"
#include "sources/common/markup_text.h"
#include "sources/common/xml_util.h"
#include "sources/pubmed/fields.h"

namespace ah::sources::pubmed {
namespace {

using core::Identifier;
using core::Relation;
using core::RelationType;

std::string trimmed(std::string_view s) {
  while (!s.empty() &&
         (s.front() == ' ' || s.front() == '\n' || s.front() == '\t' || s.front() == '\r')) {
    s.remove_prefix(1);
  }
  while (!s.empty() &&
         (s.back() == ' ' || s.back() == '\n' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return std::string(s);
}

std::string text_of(const pugi::xml_node& node) { return trimmed(node.text().get()); }

std::string where(std::string_view origin, std::size_t index, std::string_view pmid) {
  std::string w = std::string(origin) + ": record " + std::to_string(index);
  if (!pmid.empty()) w += " (id " + std::string(pmid) + ")";
  return w;
}

void add_id(core::Paper& p, std::string_view scheme, std::string_view value) {
  auto id = core::normalize_identifier(scheme, value);
  if (!id) return;
  if (std::find(p.other_ids.begin(), p.other_ids.end(), *id) == p.other_ids.end()) {
    p.other_ids.push_back(std::move(*id));
  }
}

void set_doi(core::Paper& p, std::string_view text) {
  if (!p.doi.empty()) return;
  auto doi = core::normalize_doi(text);
  if (!doi) return;
  p.doi = *doi;
  if (std::string arxiv = core::arxiv_id_from_doi(p.doi); !arxiv.empty()) p.arxiv_id = arxiv;
}

// <ArticleIdList> of the record itself (PubmedData or BookDocument), never a reference's.
void read_article_ids(const pugi::xml_node& list, core::Paper& p) {
  for (pugi::xml_node id : list.children("ArticleId")) {
    std::string_view type = id.attribute("IdType").value();
    const std::string value = text_of(id);
    if (type == "doi") {
      set_doi(p, value);
    } else if (type == "pmc") {
      add_id(p, "pmcid", value);
    }
  }
}

void add_issn(core::Paper& p, std::string_view text) {
  std::string issn = normalize_issn(text);
  if (!issn.empty() && std::find(p.issns.begin(), p.issns.end(), issn) == p.issns.end()) {
    p.issns.push_back(std::move(issn));
  }
}

std::string abstract_of(const pugi::xml_node& abstract) {
  std::string out;
  for (pugi::xml_node t : abstract.children("AbstractText")) {
    std::string text = element_to_text(t, TextForm::display);
    if (text.empty()) continue;
    std::string label = trimmed(t.attribute("Label").value());
    if (label.empty()) {
      std::string category = trimmed(t.attribute("NlmCategory").value());
      if (category != "UNASSIGNED") label = std::move(category);
    }
    if (!out.empty()) out += "\n\n";
    if (!label.empty()) out += escape_for_display(label) + ": ";
    out += text;
  }
  return out;
}

void read_authors(const pugi::xml_node& list, core::Paper& p) {
  for (pugi::xml_node a : list.children("Author")) {
    if (std::string_view(a.attribute("ValidYN").value()) == "N") continue;
    core::Author author;
    if (pugi::xml_node collective = a.child("CollectiveName")) {
      author.name = element_to_text(collective);
    } else {
      std::string given = text_of(a.child("ForeName"));
      if (given.empty()) given = text_of(a.child("Initials"));
      std::string name = given;
      for (const std::string& part : {text_of(a.child("LastName")), text_of(a.child("Suffix"))}) {
        if (part.empty()) continue;
        if (!name.empty()) name += ' ';
        name += part;
      }
      author.name = std::move(name);
    }
    for (pugi::xml_node info : a.children("AffiliationInfo")) {
      std::string aff = text_of(info.child("Affiliation"));
      if (aff.empty()) continue;
      if (!author.affiliation.empty()) author.affiliation += "; ";
      author.affiliation += aff;
    }
    for (pugi::xml_node id : a.children("Identifier")) {
      if (std::string_view(id.attribute("Source").value()) != "ORCID") continue;
      if (auto orcid = core::normalize_identifier("orcid", text_of(id))) {
        author.orcid = orcid->value;
        break;
      }
    }
    p.authors.push_back(std::move(author));
  }
}

void read_journal(const pugi::xml_node& journal, core::Paper& p) {
  p.venue = text_of(journal.child("Title"));
  p.venue_short = text_of(journal.child("ISOAbbreviation"));
  for (pugi::xml_node issn : journal.children("ISSN")) add_issn(p, text_of(issn));
  pugi::xml_node issue = journal.child("JournalIssue");
  p.volume = text_of(issue.child("Volume"));
  p.issue = text_of(issue.child("Issue"));
}

void read_pages(const pugi::xml_node& pagination, core::Paper& p) {
  const std::string start = text_of(pagination.child("StartPage"));
  const std::string end = text_of(pagination.child("EndPage"));
  if (!start.empty()) {
    p.pages = end.empty() || end == start ? start : start + "-" + end;
  } else {
    p.pages = text_of(pagination.child("MedlinePgn"));
  }
}

// The first public date: the electronic publication when given, unless the issue's whole period
// lies before it (a print issue dated before a late e-publication).
std::string first_public_date(const pugi::xml_node& article_dates_parent,
                              const pugi::xml_node& pub_date) {
  std::string electronic;
  for (pugi::xml_node d : article_dates_parent.children("ArticleDate")) {
    std::string_view type = d.attribute("DateType").value();
    if (!type.empty() && type != "Electronic") continue;
    DatePeriod period = date_period(d);
    if (!period.empty() && (electronic.empty() || period.first < electronic)) {
      electronic = period.first;
    }
  }
  const DatePeriod issue = date_period(pub_date);
  if (electronic.empty()) return issue.first;
  if (!issue.empty() && issue.last < electronic) return issue.first;
  return electronic;
}

std::vector<std::string> publication_types(const pugi::xml_node& parent) {
  std::vector<std::string> out;
  pugi::xml_node list = parent.child("PublicationTypeList");
  for (pugi::xml_node t : (list ? list : parent).children("PublicationType")) {
    out.push_back(text_of(t));
  }
  return out;
}

void add_relation(core::Paper& p, RelationType type, core::NoticeKind notice,
                  std::string_view scheme, std::string_view value) {
  auto id = core::normalize_identifier(scheme, value);
  if (!id) return;
  Relation r{type, std::move(*id), notice, ""};
  if (std::find(p.relations.begin(), p.relations.end(), r) == p.relations.end()) {
    p.relations.push_back(std::move(r));
  }
}

void read_comments_corrections(const pugi::xml_node& list, core::Paper& p) {
  const bool self_preprint = p.type == core::WorkType::preprint || is_preprint_doi(p.doi);
  for (pugi::xml_node cc : list.children("CommentsCorrections")) {
    const std::string_view reftype = cc.attribute("RefType").value();
    const std::string pmid = text_of(cc.child("PMID"));
    const std::string doi = doi_in_citation(cc.child("RefSource").text().get());
    std::optional<RelationType> type;
    core::NoticeKind notice = core::NoticeKind::none;
    if (auto meaning = notice_reftype(reftype)) {
      type = meaning->relation;
      notice = meaning->notice;
      if (reftype == "RetractionIn") p.retracted = true;
    } else if (reftype == "UpdateOf" && is_preprint_doi(doi)) {
      type = RelationType::has_preprint;
    } else if (reftype == "UpdateIn" && self_preprint) {
      type = RelationType::is_preprint_of;
    }
    if (!type) continue;
    if (!pmid.empty()) add_relation(p, *type, notice, "pmid", pmid);
    if (!doi.empty()) add_relation(p, *type, notice, "doi", doi);
  }
}

void set_pmid(core::Paper& p, const pugi::xml_node& pmid_node) {
  auto pmid = core::normalize_identifier("pmid", text_of(pmid_node));
  if (!pmid) return;
  p.source_id = pmid->value;
  p.other_ids.insert(p.other_ids.begin(), *pmid);
  p.abs_url = "https://pubmed.ncbi.nlm.nih.gov/" + pmid->value + "/";
}

void read_language(const pugi::xml_node& parent, core::Paper& p) {
  if (pugi::xml_node l = parent.child("Language")) p.language = language_code(text_of(l));
}

void read_title(const pugi::xml_node& parent, core::Paper& p) {
  p.title = element_to_text(parent.child("ArticleTitle"), TextForm::display);
  if (p.title.empty()) p.title = element_to_text(parent.child("VernacularTitle"), TextForm::display);
}

void read_article(const pugi::xml_node& record, core::Paper& p) {
  pugi::xml_node citation = record.child("MedlineCitation");
  pugi::xml_node article = citation.child("Article");
  set_pmid(p, citation.child("PMID"));
  read_article_ids(record.child("PubmedData").child("ArticleIdList"), p);
  for (pugi::xml_node loc : article.children("ELocationID")) {
    if (std::string_view(loc.attribute("EIdType").value()) == "doi") set_doi(p, text_of(loc));
  }
  read_title(article, p);
  p.abstract = abstract_of(article.child("Abstract"));
  read_authors(article.child("AuthorList"), p);
  pugi::xml_node journal = article.child("Journal");
  read_journal(journal, p);
  if (p.venue_short.empty()) {
    p.venue_short = text_of(citation.child("MedlineJournalInfo").child("MedlineTA"));
  }
  add_issn(p, text_of(citation.child("MedlineJournalInfo").child("ISSNLinking")));
  read_pages(article.child("Pagination"), p);
  p.published = first_public_date(article, journal.child("JournalIssue").child("PubDate"));
  p.updated = date_period(citation.child("DateRevised")).first;
  const TypeFlags flags = read_publication_types(publication_types(article));
  p.type = flags.type;
  p.retracted = flags.retracted;
  read_language(article, p);
  read_comments_corrections(citation.child("CommentsCorrectionsList"), p);
}

void read_book(const pugi::xml_node& record, core::Paper& p) {
  pugi::xml_node doc = record.child("BookDocument");
  pugi::xml_node book = doc.child("Book");
  set_pmid(p, doc.child("PMID"));
  read_article_ids(doc.child("ArticleIdList"), p);
  read_article_ids(record.child("PubmedBookData").child("ArticleIdList"), p);
  const std::string book_title = element_to_text(book.child("BookTitle"), TextForm::display);
  read_title(doc, p);
  if (p.title.empty()) {
    p.title = book_title;
    p.type = core::WorkType::book;
  } else {
    p.venue = book_title;
    p.type = core::WorkType::chapter;
  }
  p.publisher = text_of(book.child("Publisher").child("PublisherName"));
  p.abstract = abstract_of(doc.child("Abstract"));
  for (pugi::xml_node list : doc.children("AuthorList")) {
    if (std::string_view(list.attribute("Type").value()) == "editors") continue;
    read_authors(list, p);
  }
  read_pages(doc.child("Pagination"), p);
  p.published = date_period(book.child("PubDate")).first;
  if (p.published.empty()) p.published = date_period(doc.child("ContributionDate")).first;
  p.updated = date_period(doc.child("DateRevised")).first;
  const TypeFlags flags = read_publication_types(publication_types(doc));
  p.retracted = flags.retracted;
  // A review chapter is still a chapter; only notices override the book's own kind.
  if (core::is_notice(flags.type)) p.type = flags.type;
  read_language(doc, p);
  read_comments_corrections(doc.child("CommentsCorrectionsList"), p);
}

// The error answers E-utilities gives instead of a PubmedArticleSet, or nullopt when `bytes` is
// none of them.
std::optional<EfetchResult> error_answer(std::string_view bytes) {
  std::string message;
  size_t first = bytes.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
  if (first == std::string_view::npos) return std::nullopt;
  if (bytes[first] == '{') {
    nlohmann::json j = nlohmann::json::parse(bytes, nullptr, /*allow_exceptions=*/false);
    if (!j.is_object()) return std::nullopt;
    auto e = j.find("error");
    if (e == j.end()) e = j.find("ERROR");
    if (e == j.end() || !e->is_string()) return std::nullopt;
    // Only the message: an NCBI error object also echoes the request's api-key.
    message = e->get<std::string>();
  } else {
    std::string buffer(bytes);
    pugi::xml_document doc;
    doc.load_buffer_inplace(buffer.data(), buffer.size(), pugi::parse_default, pugi::encoding_utf8);
    pugi::xml_node root = doc.document_element();
    if (!root) return std::nullopt;
    std::string_view name = root.name();
    if (name == "ERROR") {
      message = trimmed(root.text().get());
    } else if (name == "eFetchResult") {
      for (pugi::xml_node e : root.children("ERROR")) {
        if (!message.empty()) message += "; ";
        message += trimmed(e.text().get());
      }
      if (message.empty()) message = "an eFetchResult without records";
    } else {
      return std::nullopt;
    }
  }
  EfetchResult out;
  out.parsed.info.answer = Answer::error;
  std::string lower = message;
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  const bool history = lower.find("history") != std::string::npos ||
                       lower.find("unable to obtain query") != std::string::npos ||
                       lower.find("webenv") != std::string::npos;
  out.parsed.info.error_code = history ? "history" : "error";
  out.parsed.info.error_message = message.empty() ? "(no message)" : message;
  return out;
}

}  // namespace

Result<EfetchResult> parse_efetch(std::string_view bytes, std::string_view origin) {
  std::string buffer(bytes);
  pugi::xml_document doc;
  // Blanks between inline tags are text ("<i>in</i> <i>situ</i>").
  auto document = xml::load(buffer, doc, origin, "PubmedArticleSet",
                            pugi::parse_default | pugi::parse_ws_pcdata);
  if (!document) {
    if (auto answer = error_answer(bytes)) return std::move(*answer);
    return std::unexpected(document.error());
  }

  EfetchResult out;
  ParseResult& parsed = out.parsed;
  std::size_t index = 0;
  for (pugi::xml_node c = document->root.first_child(); c; c = c.next_sibling()) {
    if (c.type() != pugi::node_element) continue;
    const std::string_view name = c.name();
    if (name == "DeleteCitation") {
      for (pugi::xml_node pmid : c.children("PMID")) out.deleted.push_back(text_of(pmid));
      continue;
    }
    if (name != "PubmedArticle" && name != "PubmedBookArticle") continue;
    ++index;
    const bool book = name == "PubmedBookArticle";
    const std::string pmid_text =
        text_of((book ? c.child("BookDocument") : c.child("MedlineCitation")).child("PMID"));
    if (!xml::complete(c, *document, bytes)) {
      parsed.truncated =
          xml::broken_error(origin, *document, "record", "records", index - 1, index, pmid_text);
      break;
    }
    core::Paper p;
    p.source = core::source::kPubmed;
    if (book) {
      read_book(c, p);
    } else {
      read_article(c, p);
    }
    if (p.source_id.empty()) {
      parsed.rejected.push_back({where(origin, index, pmid_text), "no PMID"});
      continue;
    }
    if (p.title.empty()) {
      parsed.rejected.push_back({where(origin, index, pmid_text), "no title"});
      continue;
    }
    core::Finalized f = core::finalize(p);
    if (f.authors_capped()) {
      parsed.capped.push_back({where(origin, index, pmid_text), f.authors_given});
    }
    parsed.papers.push_back(std::move(p));
  }
  if (document->broken() && !parsed.truncated) {
    parsed.truncated = xml::broken_error(origin, *document, "record", "records", index, 0, "");
  }
  return out;
}

Result<ParseResult> parse_pubmed(std::string_view bytes, std::string_view origin) {
  auto r = parse_efetch(bytes, origin);
  if (!r) return std::unexpected(r.error());
  return std::move(r->parsed);
}

}  // namespace ah::sources::pubmed
