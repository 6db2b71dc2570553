#include "ingest/parsers.h"

#include "sources/arxiv/atom_parser.h"
#include "sources/arxiv/oai_parser.h"
#include "sources/arxiv/rss_parser.h"
#include "sources/crossref/parser.h"
#include "sources/feeds/parser.h"
#include "sources/pubmed/efetch_parser.h"
#include "sources/s2/parser.h"
#include "sources/biorxiv/details_parser.h"
#include "sources/openalex/works_parser.h"

namespace ah::ingest {

FormatHandling handling_of(sources::Format format) {
  using sources::Format;
  switch (format) {
    case Format::atom:
      return {sources::arxiv::parse_atom, {}};
    case Format::oai_pmh:
      return {sources::arxiv::parse_oai, {}};
    case Format::rss:
      return {sources::arxiv::parse_rss, {}};
    case Format::jsonl:
      return {nullptr, {}};
    case Format::openalex:
      return {sources::openalex::parse_works, {}};
    case Format::biorxiv:
      return {sources::biorxiv::parse_details, {}};
    case Format::crossref:
      return {sources::crossref::parse_crossref, {}};
    case Format::journal_feed:
      return {sources::feeds::parse_feed, {}};
    case Format::pubmed:
      return {sources::pubmed::parse_pubmed, {}};
    case Format::semantic_scholar:
      return {sources::s2::parse_papers, {}};
    case Format::pubmed_esearch:
      return {nullptr,
              "a PubMed esearch answer holds ids, not records (efetch gives the records: "
              "academichub harvest pubmed)"};
    case Format::html:
      return {nullptr,
              "an HTML page, not records (an error page, or a bot check or captcha in place of "
              "a feed?)"};
    case Format::unknown:
      break;
  }
  return {nullptr,
          "not a format AcademicHub reads (arXiv Atom, OAI-PMH, RSS or JSON lines; Crossref, "
          "PubMed, OpenAlex, bioRxiv/medRxiv, Semantic Scholar answers; journal RSS/Atom feeds)"};
}

}  // namespace ah::ingest
