// Parser for Semantic Scholar Graph API v1 answers (api.semanticscholar.org/graph/v1): a paper,
// a page of papers (search, author papers, citations), the batch answer (an array with null for
// each id it does not know), an author, a page of authors (author search, batch), and the error
// objects. Pure function of its input; thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "sources/common/parse_result.h"

namespace ah::sources::s2 {

// An author as the Graph API describes one (fields present only when the request asked for them).
struct Author {
  std::string author_id;  // "1723755": S2's stable author id
  std::string name;
  std::string url;  // the author's Semantic Scholar page
  std::vector<std::string> affiliations;
  std::optional<std::int64_t> paper_count, citation_count, h_index;
  std::string orcid;              // externalIds.ORCID, normalised ("0000-0002-1825-0097")
  std::vector<std::string> dblp;  // externalIds.DBLP: the author's DBLP names
  std::string homepage;
  bool operator==(const Author&) const = default;
};

// What a document holds.
enum class Kind {
  papers,   // a paper, a page of papers or a batch answer: `papers`
  authors,  // an author or a page of authors: `authors`
  error,    // {"error": ...} or {"message": ...}: `error_code`, `error_message`
};

struct Document {
  Kind kind = Kind::papers;
  // Papers (kind papers): each a record with source core::source::kSemanticScholar, finalized.
  // papers.info.total_results / start_index carry a page's total and offset.
  ParseResult papers;
  std::vector<Author> authors;  // kind authors, in document order
  // A page's paging: total (search pages only), offset, and the offset of the next page (absent
  // on the last page).
  std::optional<std::int64_t> total, offset, next;
  // A batch answer: the positions (0-based) of the ids S2 does not know (null entries).
  std::vector<std::size_t> missing;
  // kind error: the "code" when the object has one ("429"), else "error"; the message as given.
  std::string error_code, error_message;
};

// Parses one answer. A paper becomes a Paper:
//   source_id = paperId; other_ids ("s2", paperId), ("s2corpus", CorpusId), ("pmid", PubMed),
//   ("pmcid", "PMC" + PubMedCentral), ("mag", MAG); doi from externalIds.DOI; arxiv_id from
//   externalIds.ArXiv (or an arXiv DOI); DBLP and ACL ids are not kept (no scheme);
//   title and abstract as given (S2 passes arXiv's LaTeX through; display_text renders it);
//   venue: `venue`, else journal.name, else publicationVenue.name; volume and pages (" - "
//   tightened to "-") from journal; issns from publicationVenue (issn, alternate_issns);
//   published: publicationDate, else January 1 of `year`; authors by name with ("s2", authorId);
//   type from publicationTypes (Editorial/News -> editorial, LettersAndComments -> letter,
//   Review -> review, Book -> book, BookSection -> chapter, Conference -> proceedings, Dataset ->
//   dataset, JournalArticle/CaseReport/ClinicalTrial/MetaAnalysis/Study -> article; the first of
//   these in that order wins); abs_url = url (the S2 page), pdf_url and license from a non-empty
//   openAccessPdf. fieldsOfStudy are not categories (they are not arXiv-like filters).
// A paper without paperId or title goes to papers.rejected ("<origin>: paper 3: no title").
// Items of citation and reference pages ({"citingPaper": {...}}) are read as their paper.
// Errors: bad_upstream_data naming `origin` when the bytes are not JSON or not a Graph API
// answer.
Result<Document> parse_document(std::string_view bytes, std::string_view origin);

// parse_document's papers, for `import`: an error object becomes info.answer = error with its
// code and message. Errors: as parse_document, and bad_upstream_data for a document of authors
// ("<origin>: Semantic Scholar authors, not paper records").
Result<ParseResult> parse_papers(std::string_view bytes, std::string_view origin);

}  // namespace ah::sources::s2
