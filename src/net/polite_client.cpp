// Politeness wrapper: per-host request spacing, Retry-After and back-off. Each host has a
// "next allowed start"; a request reserves its slot under the mutex and sleeps outside it, so
// concurrent callers queue up in order and other hosts are never held up.
#include <fmt/format.h>

#include <algorithm>
#include <condition_variable>
#include <map>
#include <mutex>
#include <string>
#include <utility>

#include "net/diagnostics.h"
#include "net/http_client.h"
#include "net/url.h"

namespace ah::net {
namespace {

using std::chrono::milliseconds;
using TimePoint = std::chrono::steady_clock::time_point;

class PoliteClient final : public HttpClient {
 public:
  PoliteClient(HttpClient& inner, Clock& clock, PolitenessOptions options)
      : inner_(inner), clock_(clock), options_(std::move(options)) {}

  Result<Response> send(const Request& request) override {
    auto parsed = parse_url_host(request.url);
    if (!parsed) return std::unexpected(parsed.error());
    const std::string host = parsed->display();
    const std::string url = request.method + " " + redact_url(request.url);
    const HostRule rule = rule_for(host);

    for (int attempt = 0;; ++attempt) {
      InFlight slot(*this, host, rule);
      wait_for_turn(host, rule);
      Result<Response> result = inner_.send(request);
      slot.release();
      const bool retries_left = attempt < options_.max_retries;

      if (!result) {
        if (!result.error().transient) {
          log(fmt::format("{} -> {}", url, result.error().message));
          return result;
        }
        if (!retries_left) {
          log(fmt::format("{} -> {} (giving up after {} retries)", url, result.error().message,
                          attempt));
          return result;
        }
        const milliseconds delay = backoff(attempt);
        log(fmt::format("{} -> {} (retry in {})", url, result.error().message,
                        format_duration(delay)));
        push_back(host, delay);
        continue;
      }

      const int status = result->status;
      if (status == 429 && request.return_429) {
        std::string wait = "no wait";
        if (!result->retry_after || *result->retry_after <= options_.max_retry_after) {
          const milliseconds delay = result->retry_after ? *result->retry_after : backoff(attempt);
          push_back(host, delay);
          wait = "next request in " + format_duration(delay);
        }
        log(fmt::format("{} -> 429 (returned to the caller; {})", url, wait));
        return result;
      }
      if (status == 429 || status == 503) {
        milliseconds delay = backoff(attempt);
        if (result->retry_after) {
          if (*result->retry_after > options_.max_retry_after) {
            log(fmt::format("{} -> {} (Retry-After {} s exceeds {} s: giving up)", url, status,
                            result->retry_after->count(), options_.max_retry_after.count()));
            return fail(ErrorCode::rate_limited,
                        fmt::format("{}: HTTP {} asks to retry after {} s (more than the {} s "
                                    "we wait)",
                                    host, status, result->retry_after->count(),
                                    options_.max_retry_after.count()));
          }
          delay = *result->retry_after;
        }
        if (!retries_left) {
          log(fmt::format("{} -> {} (giving up after {} retries)", url, status, attempt));
          return fail(ErrorCode::rate_limited,
                      fmt::format("{}: HTTP {} still after {} retries", host, status, attempt));
        }
        log(fmt::format("{} -> {} (retry in {})", url, status, format_duration(delay)));
        push_back(host, delay);
        continue;
      }
      if (status >= 500 && status <= 599) {
        if (!retries_left) {
          log(fmt::format("{} -> {} (giving up after {} retries)", url, status, attempt));
          return result;
        }
        const milliseconds delay = backoff(attempt);
        log(fmt::format("{} -> {} (retry in {})", url, status, format_duration(delay)));
        push_back(host, delay);
        continue;
      }
      log(fmt::format("{} -> {} ({} bytes)", url, status, result->body.size()));
      return result;
    }
  }

 private:
  // base * 2^attempt, capped; deterministic so that tests (and operators) can predict it.
  milliseconds backoff(int attempt) const {
    milliseconds delay = options_.backoff_base;
    for (int i = 0; i < attempt && delay < options_.backoff_cap; ++i) delay *= 2;
    return std::min(delay, options_.backoff_cap);
  }

  HostRule rule_for(const std::string& host) const {
    if (auto it = options_.hosts.find(host); it != options_.hosts.end()) return it->second;
    return HostRule{options_.min_interval, 1};
  }

  // One of a host's max_concurrent places, held while a request to it is in flight (RAII):
  // callers beyond the limit wait for a place in the order the condition variable wakes them.
  class InFlight {
   public:
    InFlight(PoliteClient& client, const std::string& host, const HostRule& rule)
        : client_(client), host_(host) {
      std::unique_lock lock(client_.mutex_);
      client_.freed_.wait(lock, [&] {
        return client_.in_flight_[host_] < std::max(1, rule.max_concurrent);
      });
      ++client_.in_flight_[host_];
      held_ = true;
    }
    ~InFlight() { release(); }
    InFlight(const InFlight&) = delete;
    InFlight& operator=(const InFlight&) = delete;
    void release() {
      if (!held_) return;
      {
        std::lock_guard lock(client_.mutex_);
        --client_.in_flight_[host_];
      }
      held_ = false;
      client_.freed_.notify_all();
    }

   private:
    PoliteClient& client_;
    const std::string& host_;
    bool held_ = false;
  };

  // Reserves the next start slot for `host` and sleeps until it.
  void wait_for_turn(const std::string& host, const HostRule& rule) {
    milliseconds wait{0};
    {
      std::lock_guard lock(mutex_);
      const TimePoint now = clock_.now();
      auto [it, inserted] = next_start_.try_emplace(host, now);
      const TimePoint start = std::max(now, it->second);
      it->second = start + rule.min_interval;
      wait = std::chrono::ceil<milliseconds>(start - now);
    }
    if (wait.count() > 0) clock_.sleep_for(wait);
  }

  // No request to `host` may start before `delay` from now (the server asked, or failed).
  void push_back(const std::string& host, milliseconds delay) {
    std::lock_guard lock(mutex_);
    TimePoint& next = next_start_[host];
    next = std::max(next, clock_.now() + delay);
  }

  void log(const std::string& line) const {
    if (options_.log) options_.log(line);
  }

  HttpClient& inner_;
  Clock& clock_;
  const PolitenessOptions options_;
  std::mutex mutex_;
  std::condition_variable freed_;  // a host's in-flight count went down
  // Guarded by mutex_:
  std::map<std::string, TimePoint> next_start_;  // earliest next start per host
  std::map<std::string, int> in_flight_;         // requests in flight per host
};

}  // namespace

std::map<std::string, HostRule> default_host_rules() {
  using std::chrono::milliseconds;
  const HostRule arxiv{milliseconds(3'000), 1};
  return {
      {"export.arxiv.org", arxiv},
      {"oaipmh.arxiv.org", arxiv},
      {"rss.arxiv.org", arxiv},
      {"api.crossref.org", HostRule{milliseconds(334), 3}},
      {"eutils.ncbi.nlm.nih.gov", HostRule{milliseconds(334), 1}},
      {"api.openalex.org", HostRule{milliseconds(100), 1}},
      {"api.biorxiv.org", HostRule{milliseconds(1'000), 1}},
      {"api.semanticscholar.org", HostRule{milliseconds(1'000), 1}},
  };
}

std::unique_ptr<HttpClient> make_polite_client(HttpClient& inner, Clock& clock,
                                               PolitenessOptions options) {
  return std::make_unique<PoliteClient>(inner, clock, std::move(options));
}

}  // namespace ah::net
