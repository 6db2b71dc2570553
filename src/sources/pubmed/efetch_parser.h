// Parser for PubMed efetch answers (eutils efetch.fcgi, db=pubmed, retmode=xml): a
// <PubmedArticleSet> of <PubmedArticle> and <PubmedBookArticle> records and <DeleteCitation>
// lists, or the error answers E-utilities gives in its place. Pure function of its input;
// thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "sources/common/parse_result.h"

namespace ah::sources::pubmed {

struct EfetchResult {
  ParseResult parsed;
  // PMIDs a <DeleteCitation> lists: records PubMed withdrew. The store never deletes a record;
  // the harvester reports them.
  std::vector<std::string> deleted;
};

// Parses one efetch answer. Each record becomes a Paper (source core::source::kPubmed):
//   source_id and other_ids ("pmid") from <PMID>; the record's own <ArticleIdList> (never the
//   reference list's): doi -> doi (else <ELocationID EIdType="doi">), pmc -> ("pmcid",
//   "PMC…"); an arXiv DOI also sets arxiv_id; pii and mid are not kept (no scheme for them);
//   title from <ArticleTitle> with its inline markup converted (sources/common/markup_text.h;
//   <VernacularTitle> only when ArticleTitle is empty); abstract from every <AbstractText>, one
//   paragraph each, prefixed "LABEL: " when it has a Label (else its NlmCategory unless
//   UNASSIGNED), HTML and MathML converted; <OtherAbstract> and <CopyrightInformation> left out;
//   authors "ForeName LastName Suffix" (Initials when no ForeName; CollectiveName as the name;
//   ValidYN="N" and editor lists skipped), affiliations joined with "; ", ORCID from
//   <Identifier Source="ORCID">; venue <Journal><Title>, venue_short <ISOAbbreviation> (else
//   MedlineTA), issns from <ISSN> and <ISSNLinking>, volume, issue, pages "Start-End" (else
//   MedlinePgn); books: venue = BookTitle for a chapter, publisher = PublisherName, type
//   chapter (book when it has no ArticleTitle);
//   published: <ArticleDate DateType="Electronic"> (the first public date), unless the issue's
//   <PubDate> lies wholly before it; else PubDate's first day (fields.h date_period);
//   updated: <DateRevised>; type and retracted from <PublicationTypeList> (fields.h);
//   relations from <CommentsCorrectionsList>: notices (fields.h notice_reftype) with the target's
//   PMID and, when its RefSource cites one, DOI (one Relation per identifier); RetractionIn also
//   sets retracted; UpdateOf a preprint DOI -> has_preprint, UpdateIn on a preprint ->
//   is_preprint_of (other UpdateIn/UpdateOf, comments and citations are not relations);
//   language ISO 639-1 from the first <Language>; abs_url https://pubmed.ncbi.nlm.nih.gov/PMID/.
//   MeSH headings, keywords, grants and references are not read (no categories for journals).
// A record without PMID or title goes to `rejected` ("<origin>: record 3 (id 123): no title").
// An error answer (<eFetchResult><ERROR>, a bare <ERROR>, JSON {"error": ...}) gives no papers,
// info.answer = error, info.error_message its text, and info.error_code "history" when the text
// says the history server lost the query (an expired WebEnv: "Cannot retrieve history data",
// "Unable to obtain query #1"), else "error".
// A document that breaks off keeps the records complete before the break and sets
// ParseResult::truncated.
// Errors: bad_upstream_data naming `origin` when the bytes are none of these (an HTML page, not
// well-formed before the root).
Result<EfetchResult> parse_efetch(std::string_view bytes, std::string_view origin);

// parse_efetch's ParseResult alone: the parser `import` uses for saved efetch answers.
Result<ParseResult> parse_pubmed(std::string_view bytes, std::string_view origin);

}  // namespace ah::sources::pubmed
