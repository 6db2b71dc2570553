#include "harvest/s2_client.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "harvest/arxiv_harvester.h"  // query_escape
#include "harvest/harvester.h"
#include "net/url.h"

namespace ah::harvest {
namespace s2 = ah::sources::s2;

S2Client::S2Client(net::HttpClient& http, S2Options options, Log log)
    : http_(http), options_(std::move(options)), log_(std::move(log)) {}

void S2Client::log(std::string_view line) const {
  if (log_) log_(line);
}

std::string S2Client::mask(std::string text) const {
  if (options_.api_key.empty()) return text;
  for (size_t at = text.find(options_.api_key); at != std::string::npos;
       at = text.find(options_.api_key, at + 3)) {
    text.replace(at, options_.api_key.size(), "***");
  }
  return text;
}

Result<std::string> S2Client::batch_id(const core::Identifier& id) {
  if (id.scheme == "doi") return "DOI:" + id.value;
  if (id.scheme == "arxiv") return "ARXIV:" + id.value;
  if (id.scheme == "pmid") return "PMID:" + id.value;
  if (id.scheme == "pmcid") {
    // S2 writes PMC ids as digits ("PMCID:2323736").
    std::string_view v = id.value;
    if (v.starts_with("PMC")) v.remove_prefix(3);
    return "PMCID:" + std::string(v);
  }
  if (id.scheme == "s2corpus") return "CorpusId:" + id.value;
  if (id.scheme == "mag") return "MAG:" + id.value;
  if (id.scheme == "s2") return id.value;
  return fail(ErrorCode::invalid_argument,
              fmt::format("Semantic Scholar cannot look up {} ids ('{}'): give a DOI, an arXiv id, "
                          "pmid:N, pmcid:PMCN or s2:ID",
                          id.scheme, id.value));
}

Result<net::Response> S2Client::send(net::Request request, std::string_view what) {
  if (!options_.api_key.empty()) request.headers["x-api-key"] = options_.api_key;
  auto response = http_.send(request);
  if (!response) {
    Error e = response.error().with_context(what);
    e.message = mask(std::move(e.message));
    return std::unexpected(std::move(e));
  }
  return response;
}

// The Graph API document of a 2xx answer; an error for any other status, worded from S2's own
// error object when it sent one.
Result<s2::Document> S2Client::answer(const net::Response& response, std::string_view what) {
  auto doc = s2::parse_document(response.body, what);
  if (response.ok()) {
    if (!doc) return std::unexpected(doc.error());
    if (doc->kind == s2::Kind::error) {
      return fail(ErrorCode::bad_upstream_data,
                  mask(fmt::format("{}: {}", what, doc->error_message)));
    }
    return doc;
  }
  std::string message =
      doc && doc->kind == s2::Kind::error ? doc->error_message : response.body.substr(0, 160);
  const ErrorCode code = response.status == 404 ? ErrorCode::not_found
                         : response.status >= 400 && response.status < 500
                             ? ErrorCode::invalid_argument
                             : ErrorCode::bad_upstream_data;
  std::string hint;
  if (response.status == 401 || response.status == 403) {
    hint = options_.api_key.empty() ? "" : " (is s2_api_key right?)";
  }
  return fail(code, mask(fmt::format("{}: HTTP {}: {}{}", what, response.status, message, hint)));
}

Result<S2LookupReport> S2Client::lookup(std::span<const core::Identifier> ids,
                                        store::PaperStore* store) {
  if (options_.batch_size < 1 || options_.batch_size > 500) {
    return fail(ErrorCode::invalid_argument, "s2: batch size must be 1..500");
  }
  std::vector<std::string> wanted;
  for (const core::Identifier& id : ids) {
    auto b = batch_id(id);
    if (!b) return std::unexpected(b.error());
    wanted.push_back(std::move(*b));
  }
  S2LookupReport report;
  const std::string url =
      options_.api_url + "/paper/batch?fields=" + query_escape(options_.paper_fields);
  for (size_t start = 0; start < wanted.size(); start += static_cast<size_t>(options_.batch_size)) {
    const size_t end = std::min(wanted.size(), start + static_cast<size_t>(options_.batch_size));
    nlohmann::json body = {
        {"ids", std::vector<std::string>(wanted.begin() + start, wanted.begin() + end)}};
    net::Request request;
    request.method = "POST";
    request.url = url;
    request.body = body.dump();
    request.headers["Content-Type"] = "application/json";
    const std::string what = fmt::format("Semantic Scholar paper batch of {} ids ({})", end - start,
                                         net::redact_url(url));
    auto response = send(std::move(request), what);
    if (!response) return std::unexpected(response.error());
    ++report.requests;
    auto doc = answer(*response, what);
    if (!doc) return std::unexpected(doc.error());
    const size_t answered =
        doc->papers.papers.size() + doc->papers.rejected.size() + doc->missing.size();
    if (answered != end - start) {
      return fail(ErrorCode::bad_upstream_data,
                  fmt::format("{}: {} answers for {} ids", what, answered, end - start));
    }
    for (size_t k : doc->missing) report.not_found.push_back(wanted[start + k]);
    for (const sources::RecordError& r : doc->papers.rejected) {
      report.rejected.push_back(r.where + ": " + r.message);
    }
    stamp_records(doc->papers.papers, url, core::utc_now(options_.now));
    for (core::Paper& p : doc->papers.papers) report.found.push_back(std::move(p));
    log(fmt::format("{}: {} found, {} unknown", what, doc->papers.papers.size(),
                    doc->missing.size()));
  }
  if (store != nullptr) {
    auto counts = store->upsert(report.found);
    if (!counts)
      return std::unexpected(counts.error().with_context("storing Semantic Scholar records"));
    report.stored = *counts;
  }
  return report;
}

Result<S2AuthorSearch> S2Client::search_authors(std::string_view name, int limit) {
  if (name.find_first_not_of(" \t") == std::string_view::npos) {
    return fail(ErrorCode::invalid_argument, "s2: an author search needs a name");
  }
  if (limit < 1 || limit > 1000)
    return fail(ErrorCode::invalid_argument, "s2: limit must be 1..1000");
  net::Request request;
  request.url = fmt::format("{}/author/search?query={}&fields={}&limit={}", options_.api_url,
                            query_escape(name), query_escape(options_.author_fields), limit);
  const std::string what =
      fmt::format("Semantic Scholar author search '{}' ({})", name, net::redact_url(request.url));
  auto response = send(request, what);
  if (!response) return std::unexpected(response.error());
  auto doc = answer(*response, what);
  if (!doc) return std::unexpected(doc.error());
  if (doc->kind == s2::Kind::papers && !doc->papers.papers.empty()) {
    return fail(ErrorCode::bad_upstream_data, what + ": papers where authors were asked for");
  }
  S2AuthorSearch out;
  out.authors = std::move(doc->authors);
  out.total = doc->total.value_or(static_cast<std::int64_t>(out.authors.size()));
  log(fmt::format("{}: {} of {} candidates", what, out.authors.size(), out.total));
  return out;
}

Result<std::optional<s2::Author>> S2Client::author(std::string_view author_id) {
  net::Request request;
  request.url = fmt::format("{}/author/{}?fields={}", options_.api_url, query_escape(author_id),
                            query_escape(options_.author_fields));
  const std::string what =
      fmt::format("Semantic Scholar author {} ({})", author_id, net::redact_url(request.url));
  auto response = send(request, what);
  if (!response) return std::unexpected(response.error());
  if (response->status == 404) return std::optional<s2::Author>();
  auto doc = answer(*response, what);
  if (!doc) return std::unexpected(doc.error());
  if (doc->kind != s2::Kind::authors || doc->authors.size() != 1) {
    return fail(ErrorCode::bad_upstream_data, what + ": the answer is not one author");
  }
  return std::optional<s2::Author>(std::move(doc->authors.front()));
}

Result<S2PaperPage> S2Client::author_papers(std::string_view author_id, std::int64_t offset,
                                            int limit) {
  if (limit < 1 || limit > 1000)
    return fail(ErrorCode::invalid_argument, "s2: limit must be 1..1000");
  net::Request request;
  request.url =
      fmt::format("{}/author/{}/papers?fields={}&offset={}&limit={}", options_.api_url,
                  query_escape(author_id), query_escape(options_.paper_fields), offset, limit);
  const std::string what = fmt::format("Semantic Scholar papers of author {} from {} ({})",
                                       author_id, offset, net::redact_url(request.url));
  auto response = send(request, what);
  if (!response) return std::unexpected(response.error());
  auto doc = answer(*response, what);
  if (!doc) return std::unexpected(doc.error());
  if (doc->kind != s2::Kind::papers) {
    return fail(ErrorCode::bad_upstream_data, what + ": the answer is not a page of papers");
  }
  stamp_records(doc->papers.papers, request.url, core::utc_now(options_.now));
  return S2PaperPage{std::move(doc->papers.papers), doc->next};
}

}  // namespace ah::harvest
