// Parser for PubMed esearch answers (eutils esearch.fcgi), XML (<eSearchResult>) and JSON
// ({"esearchresult": ...}): the count, the ids of the page, and the history server's
// WebEnv/QueryKey that efetch reads the whole result from. Pure function; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace ah::sources::pubmed {

struct EsearchResult {
  std::int64_t count = 0;        // <Count>: records matching the query
  std::int64_t retmax = 0;       // <RetMax>: ids in this answer
  std::int64_t retstart = 0;     // <RetStart>
  std::string query_key;         // <QueryKey>, with usehistory=y
  std::string webenv;            // <WebEnv>, with usehistory=y
  std::vector<std::string> ids;  // <IdList> (PMIDs as given)
  // <ERROR> (XML) or "ERROR" (JSON), or a JSON {"error": ...} object: the search itself failed
  // ("Search Backend failed", "Invalid query", an expired WebEnv); empty otherwise.
  std::string error;
  // <ErrorList>: parts of the term that matched nothing (PhraseNotFound, FieldNotFound, as
  // "phrase not found: xyz"). The search still ran: with every part missing, Count is 0.
  std::vector<std::string> not_found;
  // <WarningList>: PhraseIgnored, QuotedPhraseNotFound, OutputMessage ("No items found.").
  std::vector<std::string> warnings;
  std::string query_translation;  // how PubMed read the term
};

// Parses one esearch answer, XML or JSON (told apart by the first byte). Counts given as strings
// (JSON) are read as numbers. Errors: bad_upstream_data naming `origin` when the bytes are
// neither form (an HTML page, a cut answer), or a count is not a number.
Result<EsearchResult> parse_esearch(std::string_view bytes, std::string_view origin);

}  // namespace ah::sources::pubmed
