// Recognises which source format a saved file or a response holds, from its first bytes and its
// name, so that `import` reads any saved response with the right parser and names a file it
// cannot read once, as unsupported. Pure; thread-safe.
#pragma once

#include <string_view>

namespace ah::sources {

enum class Format {
  // arXiv
  atom,     // the arXiv API's Atom feed (<feed> with arXiv's or OpenSearch's namespace)
  oai_pmh,  // OAI-PMH (<OAI-PMH>)
  rss,      // rss.arxiv.org announcements (<rss> of arXiv)
  jsonl,    // JSON lines: the arXiv metadata snapshot, the daily-arXiv crawl
  // other sources
  crossref,          // Crossref REST: {"status", "message-type": "work" | "work-list", ...}
  pubmed,            // PubMed efetch XML (<PubmedArticleSet>)
  pubmed_esearch,    // PubMed esearch (XML <eSearchResult> or JSON "esearchresult"): ids only
  openalex,          // OpenAlex: a work ({"id": "https://openalex.org/W..."}) or a list
                     // ({"meta", "results"})
  biorxiv,           // api.biorxiv.org details: {"messages", "collection"}
  semantic_scholar,  // Semantic Scholar Graph API: a paper, a page ({"data"}), a batch ([...]),
                     // an author, or its error object
  journal_feed,      // a journal's table of contents: RSS 1.0/RDF, RSS 2.0 or Atom
  // not records
  html,     // an HTML page (an error page, a bot check or captcha in place of a feed)
  unknown,  // none of these
};

// Looks at the first element of an XML document (skipping a BOM, the XML declaration, comments
// and a DOCTYPE) or the first keys of a JSON document. XML: <feed> is atom when it carries the
// arXiv API's or OpenSearch's namespace, else journal_feed; <rss> is rss when it is arXiv's, else
// journal_feed; <rdf:RDF> journal_feed; <OAI-PMH>, <PubmedArticleSet>, <eSearchResult>, <html>.
// JSON: by the keys each source's answers have (see Format). A text whose first line is a whole
// JSON object of an arXiv record, followed by another, is jsonl. `head` is the first few KB
// (4 KB is enough for every format; less than the root tag or the first keys gives unknown).
// `file_name` only decides when the head is empty: "*.jsonl"/"*.ndjson" -> jsonl.
Format detect_format(std::string_view head, std::string_view file_name);

// "atom", "oai-pmh", "rss", "jsonl", "crossref", "pubmed", "pubmed-esearch", "openalex",
// "biorxiv", "semantic-scholar", "journal-feed", "html", "unknown".
std::string_view to_string(Format format);

}  // namespace ah::sources
