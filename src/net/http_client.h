// HTTP client interface: every network access of AcademicHub goes through HttpClient, so tests can
// replace it with a fake or point the real one at a local replay server. Implementations state
// their own thread-safety; the curl client and the politeness wrapper may be shared by threads.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.h"

namespace ah::net {

struct Request {
  std::string method = "GET";  // "GET" or "POST" (other methods are refused: invalid_argument)
  std::string url;
  std::map<std::string, std::string> headers;  // extra request headers ("Content-Type" for a body)
  std::string body;                            // sent with POST
  // Conditional GET: when set, sent as If-None-Match / If-Modified-Since.
  std::string if_none_match;
  std::string if_modified_since;
  // A metered API's 429 may mean "today's budget is spent", which only the caller can tell from
  // the answer's headers (OpenAlex). When set, a politeness wrapper returns a 429 to the caller
  // at once instead of retrying it, and keeps the host's next request back by its Retry-After
  // (the back-off when it has none; nothing when it exceeds max_retry_after).
  bool return_429 = false;
};

struct Response {
  int status = 0;
  std::string body;
  std::map<std::string, std::string> headers;  // names lower-cased; last value wins
  std::string etag;                            // from ETag, or empty
  std::string last_modified;                   // from Last-Modified, or empty
  // From Retry-After (seconds or HTTP date), when present.
  std::optional<std::chrono::seconds> retry_after;

  bool not_modified() const { return status == 304; }
  bool ok() const { return status >= 200 && status < 300; }
};

// What send_streaming() hands a response to while it arrives. Either callback returns false to
// stop the transfer (a cancelled caller, a body it no longer wants).
struct StreamCallbacks {
  // Once, before the first piece of the body (or at the end, when the body is empty): the final
  // response's status and headers (after redirects), its body empty.
  std::function<bool(const Response& head)> on_head;
  // Each piece of the body as it arrives, in order; pieces are cut wherever the network cut
  // them (an SSE event or a UTF-8 sequence may span two pieces). Not called for an empty piece.
  std::function<bool(std::string_view piece)> on_body;
  // Polled while the transfer waits or runs (about every second at least; libcurl's progress
  // callback): false stops it as the callbacks above do, so a caller can cancel a request whose
  // server has not answered yet. Optional.
  std::function<bool()> keep_going;
};

class HttpClient {
 public:
  virtual ~HttpClient() = default;
  // Performs the request (its method, headers and body). Returns the response for any HTTP status
  // (4xx/5xx are responses, not errors). Errors: unavailable when the host cannot be resolved or
  // reached or the connection drops before the whole body arrived (message names the host and the
  // cause; Error::transient says whether trying again may help); rate_limited when a politeness
  // wrapper gives up on 429/503; invalid_argument for a malformed URL or a method other than GET
  // and POST.
  virtual Result<Response> send(const Request& request) = 0;
  // send(), but the body goes to `callbacks` as it arrives instead of into Response::body: for
  // long answers read incrementally (server-sent events). Returns the head (status, headers; body
  // empty) when the transfer ended, also when a callback stopped it (the caller knows it did);
  // errors as send(), for failures before or during the transfer (a callback may already have
  // seen part of the body). This default sends with send() and hands the whole body over as one
  // piece, so wrappers and fakes work unchanged; the curl client streams for real.
  virtual Result<Response> send_streaming(const Request& request,
                                          const StreamCallbacks& callbacks) {
    auto response = send(request);
    if (!response) return response;
    std::string body = std::move(response->body);
    response->body.clear();
    if (callbacks.on_head && !callbacks.on_head(*response)) return response;
    if (!body.empty() && callbacks.on_body) callbacks.on_body(body);
    return response;
  }
  // send() as a GET, whatever request.method says.
  Result<Response> get(Request request) {
    request.method = "GET";
    return send(request);
  }
};

// Time as the politeness layer sees it; tests substitute a fake that records sleeps.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual std::chrono::steady_clock::time_point now() = 0;
  virtual void sleep_for(std::chrono::milliseconds duration) = 0;
};
std::unique_ptr<Clock> make_system_clock();

struct CurlOptions {
  std::string user_agent;  // e.g. "AcademicHub/0.1 (mailto:ops@example.org)"
  std::chrono::milliseconds connect_timeout{10'000};
  std::chrono::milliseconds total_timeout{120'000};
  // Abort when fewer than low_speed_bytes/s arrive for low_speed_time (a stalled connection).
  long low_speed_bytes = 100;
  std::chrono::seconds low_speed_time{30};
};
// A libcurl client that keeps one connection per host alive between calls; follows up to 5
// redirects; accepts gzip/deflate. Thread-safe: concurrent calls use separate curl handles.
// An empty user_agent makes every get() fail with invalid_argument (the factory has no error path).
std::unique_ptr<HttpClient> make_curl_client(CurlOptions options);

// How one host wants to be treated: its published rate limits.
struct HostRule {
  std::chrono::milliseconds min_interval{1'000};  // between the starts of two requests
  int max_concurrent = 1;                         // requests in flight at once (>= 1)
};

struct PolitenessOptions {
  // Minimum delay between the start of two requests to a host that has no rule in `hosts`.
  std::chrono::milliseconds min_interval{3'000};
  // Rules by host (lower-case, with ":port" when the URL names one): "api.crossref.org" ->
  // {334 ms, 3}. A host without a rule gets {min_interval, 1}. See default_host_rules().
  // Retries after 429, 5xx or a dropped connection; 0 disables retrying.
  int max_retries = 5;
  // Capped exponential back-off when the server gives no Retry-After: base * 2^attempt, <= cap.
  std::chrono::milliseconds backoff_base{2'000};
  std::chrono::milliseconds backoff_cap{120'000};
  // Retry-After values above this are treated as "give up" (rate_limited) rather than slept.
  std::chrono::seconds max_retry_after{600};
  // Receives one line per upstream attempt, URL redacted (net/url.h redact_url), e.g.
  // "GET https://export.arxiv.org/oai2?verb=Identify -> 503 (retry in 10 s)". Default: none.
  // Called from the thread that called get().
  std::function<void(std::string_view)> log;
  std::map<std::string, HostRule> hosts;
};

// The published limits of the hosts AcademicHub harvests (a new source adds its host here):
// export.arxiv.org / oaipmh.arxiv.org / rss.arxiv.org one request per 3 s (arXiv's terms of use);
// api.crossref.org 3 per second and 3 at a time (Crossref's limits for list queries in the polite
// pool since 2025-12-01); eutils.ncbi.nlm.nih.gov 3 per second (10 with an API key:
// `pubmed_api_key` raises it); api.openalex.org 10 per second (its per-second limit; the daily
// budget is metered from its headers); api.biorxiv.org one per second; api.semanticscholar.org
// one per second (the limit of an API key; 1 per second is also the fair share of the shared pool).
std::map<std::string, HostRule> default_host_rules();
// Wraps `inner` (borrowed, must outlive the result) with per-host spacing, Retry-After handling on
// 429/503 and back-off on transient failures. `clock` is borrowed too.
// Retries: 429/503 wait Retry-After (or back-off when absent); other 5xx and transient
// `unavailable` errors (a dropped connection, a timeout, a stalled transfer; not a DNS failure or a
// refused connection) wait the back-off. Other statuses, 4xx included, are returned at once.
// When retries are exhausted: rate_limited for 429/503 (message names host and status), the last
// response for other 5xx, the last error for failures. A Retry-After above max_retry_after gives
// up at once with rate_limited naming the host and the delay asked for.
// Thread-safe when `inner` and `clock` are: the spacing is reserved per host under a mutex.
std::unique_ptr<HttpClient> make_polite_client(HttpClient& inner, Clock& clock,
                                               PolitenessOptions options);

}  // namespace ah::net
