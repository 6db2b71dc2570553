// A client of the Semantic Scholar Graph API (api.semanticscholar.org/graph/v1): papers looked up
// by DOI, arXiv id, PMID and S2's own ids through the batch endpoint, authors by id and by name,
// and an author's papers. Not a scheduled harvester: the radar follows authors by their stable S2
// id with it, and `academichub s2` looks things up. One client per thread; the HttpClient is
// borrowed and must outlive it (its politeness layer spaces requests: 1 a second for this host).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/calendar.h"
#include "core/error.h"
#include "core/identifiers.h"
#include "core/paper.h"
#include "net/http_client.h"
#include "sources/s2/parser.h"
#include "store/paper_store.h"

namespace ah::harvest {

struct S2Options {
  std::string api_url = "https://api.semanticscholar.org/graph/v1";
  // Optional API key: sent as the x-api-key header only when not empty; never logged (it is in
  // no URL, and upstream messages quoting it are masked).
  std::string api_key;
  // The fields asked for papers and authors (the parser reads these).
  std::string paper_fields =
      "paperId,corpusId,externalIds,url,title,abstract,venue,publicationVenue,year,"
      "publicationDate,journal,authors,isOpenAccess,openAccessPdf,publicationTypes,fieldsOfStudy";
  std::string author_fields =
      "authorId,externalIds,url,name,affiliations,homepage,paperCount,citationCount,hIndex";
  int batch_size = 500;  // ids per POST /paper/batch: 1..500 (S2's limit)
  // The time stored records are stamped with (tests fix it); default: the system clock.
  core::WallClock now;
};

struct S2LookupReport {
  std::vector<core::Paper> found;      // records, in the order their ids were given
  std::vector<std::string> not_found;  // the ids S2 does not know, as sent ("DOI:10.1/x")
  std::vector<std::string> rejected;   // "where: why" for answers that were no usable record
  std::int64_t requests = 0;
  std::optional<store::UpsertCounts> stored;  // set when lookup() was given a store
};

struct S2AuthorSearch {
  std::vector<sources::s2::Author> authors;  // candidates, S2's order
  std::int64_t total = 0;                    // candidates S2 has in all
};

struct S2PaperPage {
  std::vector<core::Paper> papers;
  std::optional<std::int64_t> next;  // the offset of the next page; nullopt on the last
};

class S2Client {
 public:
  using Log = std::function<void(std::string_view)>;
  S2Client(net::HttpClient& http, S2Options options, Log log = {});

  // The id the batch endpoint takes for `id`: "DOI:10.1/x", "ARXIV:2401.01234", "PMID:123",
  // "PMCID:123" (digits), "CorpusId:123", "MAG:123", or a paperId as it is. Errors:
  // invalid_argument for schemes S2 cannot look up (openalex, AcademicHub's own paper ids).
  static Result<std::string> batch_id(const core::Identifier& id);

  // Looks papers up through POST /paper/batch (body {"ids": [...]}, `fields` in the query), up to
  // batch_size ids a request; S2 answers null for an id it does not know (then in not_found).
  // With a store, the records found are stamped (fetched_from: the redacted URL, fetched_at: now)
  // and upserted in one transaction; `stored` says what the store did. Errors: invalid_argument
  // (an id batch_id refuses; S2 rejecting the request: 400, 401/403 for a bad key), rate_limited
  // (429s past the politeness layer's retries), unavailable, bad_upstream_data (an answer that
  // is not the Graph API's, or a batch answer of another length), internal (store). Nothing is
  // stored unless every request succeeded.
  Result<S2LookupReport> lookup(std::span<const core::Identifier> ids,
                                store::PaperStore* store = nullptr);

  // GET /author/search?query=NAME: candidates with ids, names, affiliations, paper counts, at most
  // `limit` (1..1000). Errors as lookup(); invalid_argument for an empty name.
  Result<S2AuthorSearch> search_authors(std::string_view name, int limit = 10);

  // GET /author/{id}. nullopt when S2 does not know the id (404). Errors as lookup().
  Result<std::optional<sources::s2::Author>> author(std::string_view author_id);

  // GET /author/{id}/papers from `offset`, `limit` (1..1000) papers. Errors as lookup();
  // not_found for an unknown author.
  Result<S2PaperPage> author_papers(std::string_view author_id, std::int64_t offset = 0,
                                    int limit = 100);

 private:
  Result<net::Response> send(net::Request request, std::string_view what);
  Result<sources::s2::Document> answer(const net::Response& response, std::string_view what);
  std::string mask(std::string text) const;
  void log(std::string_view line) const;

  net::HttpClient& http_;
  S2Options options_;
  Log log_;
};

}  // namespace ah::harvest
