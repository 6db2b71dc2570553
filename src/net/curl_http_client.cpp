// HttpClient over libcurl. Each host key ("scheme://host[:port]") has a pool of idle easy
// handles; a call checks one out, so concurrent calls never share a handle, and the handle's own
// connection cache keeps the connection to that host alive for the next call.
#include <curl/curl.h>
#include <fmt/format.h>

#include <cerrno>
#include <ctime>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>

#include "net/diagnostics.h"
#include "net/http_client.h"
#include "net/retry_after.h"
#include "net/url.h"

namespace ah::net {
namespace {

struct CurlEasyDeleter {
  void operator()(CURL* handle) const { curl_easy_cleanup(handle); }
};
using CurlEasy = std::unique_ptr<CURL, CurlEasyDeleter>;

struct CurlListDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};
using CurlList = std::unique_ptr<curl_slist, CurlListDeleter>;

constexpr long kMaxRedirects = 5;

// What the callbacks collect during one transfer.
struct Transfer {
  CURL* curl = nullptr;
  std::string body;                            // unless streamed
  std::map<std::string, std::string> headers;  // lower-cased names, of the last response only
  std::size_t received = 0;                    // body bytes, streamed or kept
  // send_streaming(): where the body goes instead of `body`.
  const StreamCallbacks* stream = nullptr;
  bool head_delivered = false;
  bool stopped = false;  // a callback returned false
};

// The response's status and headers as they stand (the body is left to the caller).
Response head_of(CURL* curl, const std::map<std::string, std::string>& headers) {
  Response response;
  long status = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  response.status = static_cast<int>(status);
  response.headers = headers;
  if (auto it = response.headers.find("etag"); it != response.headers.end()) {
    response.etag = it->second;
  }
  if (auto it = response.headers.find("last-modified"); it != response.headers.end()) {
    response.last_modified = it->second;
  }
  if (auto it = response.headers.find("retry-after"); it != response.headers.end()) {
    // An HTTP-date is measured against the server's own Date, so clock skew does not matter.
    std::time_t now = std::time(nullptr);
    if (auto date = response.headers.find("date"); date != response.headers.end()) {
      if (std::time_t server = curl_getdate(date->second.c_str(), nullptr); server != -1) {
        now = server;
      }
    }
    response.retry_after = parse_retry_after(it->second, now);
  }
  return response;
}

// Streaming: hands the head over once. False when the callback stops the transfer.
bool deliver_head(Transfer& transfer) {
  if (transfer.head_delivered) return true;
  transfer.head_delivered = true;
  if (!transfer.stream->on_head) return true;
  if (transfer.stream->on_head(head_of(transfer.curl, transfer.headers))) return true;
  transfer.stopped = true;
  return false;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() &&
         (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n')) {
    s.remove_suffix(1);
  }
  return s;
}

size_t on_body(char* data, size_t size, size_t count, void* user) {
  auto* transfer = static_cast<Transfer*>(user);
  const std::size_t length = size * count;
  transfer->received += length;
  if (transfer->stream == nullptr) {
    transfer->body.append(data, length);
    return length;
  }
  // Returning less than `length` makes libcurl end the transfer with CURLE_WRITE_ERROR.
  if (!deliver_head(*transfer)) return 0;
  if (length > 0 && transfer->stream->on_body &&
      !transfer->stream->on_body(std::string_view(data, length))) {
    transfer->stopped = true;
    return 0;
  }
  return length;
}

// libcurl's progress callback: a non-zero return aborts the transfer (CURLE_ABORTED_BY_CALLBACK).
int on_progress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  auto* transfer = static_cast<Transfer*>(user);
  if (transfer->stream != nullptr && transfer->stream->keep_going &&
      !transfer->stream->keep_going()) {
    transfer->stopped = true;
    return 1;
  }
  return 0;
}

size_t on_header(char* data, size_t size, size_t count, void* user) {
  auto* transfer = static_cast<Transfer*>(user);
  const std::string_view line(data, size * count);
  // Redirects and 1xx responses each bring a status line: keep only the final response's headers.
  if (line.starts_with("HTTP/")) {
    transfer->headers.clear();
    return size * count;
  }
  const auto colon = line.find(':');
  if (colon == std::string_view::npos) return size * count;
  std::string name(trim(line.substr(0, colon)));
  for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  transfer->headers[std::move(name)] = std::string(trim(line.substr(colon + 1)));
  return size * count;
}

Result<CurlList> append(CurlList list, const std::string& line) {
  curl_slist* head = curl_slist_append(list.get(), line.c_str());
  if (head == nullptr) return fail(ErrorCode::internal, "curl: out of memory building headers");
  (void)list.release();  // now owned through `head`
  return CurlList(head);
}

class CurlClient final : public HttpClient {
 public:
  explicit CurlClient(CurlOptions options) : options_(std::move(options)) {}

  Result<Response> send(const Request& request) override { return run(request, nullptr); }

  Result<Response> send_streaming(const Request& request,
                                  const StreamCallbacks& callbacks) override {
    return run(request, &callbacks);
  }

 private:
  Result<Response> run(const Request& request, const StreamCallbacks* stream) {
    if (request.method != "GET" && request.method != "POST") {
      return fail(ErrorCode::invalid_argument,
                  "curl client: unsupported method '" + request.method + "' (GET or POST)");
    }
    if (options_.user_agent.empty()) {
      return fail(ErrorCode::invalid_argument,
                  "curl client: empty User-Agent (it must name AcademicHub and a contact e-mail)");
    }
    auto host = parse_url_host(request.url);
    if (!host) return std::unexpected(host.error());
    const std::string key = host->scheme + "://" + host->display();

    CurlEasy handle = checkout(key);
    if (!handle) return fail(ErrorCode::internal, "curl: cannot create an easy handle");
    auto result = perform(handle.get(), request, host->display(), stream);
    checkin(key, std::move(handle));
    return result;
  }

  CurlEasy checkout(const std::string& key) {
    {
      std::lock_guard lock(mutex_);
      if (auto it = idle_.find(key); it != idle_.end()) {
        CurlEasy handle = std::move(it->second);
        idle_.erase(it);
        return handle;
      }
    }
    return CurlEasy(curl_easy_init());
  }

  void checkin(const std::string& key, CurlEasy handle) {
    std::lock_guard lock(mutex_);
    idle_.emplace(key, std::move(handle));
  }

  // One transfer; the body is kept in the response, or handed to `stream` when given.
  Result<Response> perform(CURL* curl, const Request& request, const std::string& host,
                           const StreamCallbacks* stream) {
    CurlList headers;
    for (const auto& [name, value] : request.headers) {
      auto next = append(std::move(headers), name + ": " + value);
      if (!next) return std::unexpected(next.error());
      headers = std::move(*next);
    }
    if (!request.if_none_match.empty()) {
      auto next = append(std::move(headers), "If-None-Match: " + request.if_none_match);
      if (!next) return std::unexpected(next.error());
      headers = std::move(*next);
    }
    if (!request.if_modified_since.empty()) {
      auto next = append(std::move(headers), "If-Modified-Since: " + request.if_modified_since);
      if (!next) return std::unexpected(next.error());
      headers = std::move(*next);
    }

    Transfer transfer;
    transfer.curl = curl;
    transfer.stream = stream;
    char error_buffer[CURL_ERROR_SIZE] = {};
    curl_easy_setopt(curl, CURLOPT_URL, request.url.c_str());
    if (request.method == "POST") {
      curl_easy_setopt(curl, CURLOPT_POST, 1L);
      curl_easy_setopt(curl, CURLOPT_POSTFIELDS, request.body.data());
      curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE,
                       static_cast<curl_off_t>(request.body.size()));
    } else {
      curl_easy_setopt(curl, CURLOPT_HTTPGET, 1L);
    }
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(curl, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(curl, CURLOPT_MAXREDIRS, kMaxRedirects);
    curl_easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, "");  // every encoding libcurl can decode
    curl_easy_setopt(curl, CURLOPT_USERAGENT, options_.user_agent.c_str());
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers.get());
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS,
                     static_cast<long>(options_.connect_timeout.count()));
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(options_.total_timeout.count()));
    curl_easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT,
                     options_.low_speed_bytes > 0 ? options_.low_speed_bytes : 0L);
    curl_easy_setopt(
        curl, CURLOPT_LOW_SPEED_TIME,
        options_.low_speed_bytes > 0 ? static_cast<long>(options_.low_speed_time.count()) : 0L);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);  // signals and threads do not mix
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &transfer);
    curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(curl, CURLOPT_HEADERDATA, &transfer);
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error_buffer);
    const bool polled = stream != nullptr && static_cast<bool>(stream->keep_going);
    curl_easy_setopt(curl, CURLOPT_NOPROGRESS, polled ? 0L : 1L);
    curl_easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, polled ? on_progress : nullptr);
    curl_easy_setopt(curl, CURLOPT_XFERINFODATA, polled ? &transfer : nullptr);

    const CURLcode code = curl_easy_perform(curl);

    // The handle outlives this call: leave no pointers to locals behind in it.
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, nullptr);
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, nullptr);  // the body belonged to the request
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, nullptr);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, nullptr);
    curl_easy_setopt(curl, CURLOPT_HEADERDATA, nullptr);
    curl_easy_setopt(curl, CURLOPT_XFERINFODATA, nullptr);
    curl_easy_setopt(curl, CURLOPT_NOPROGRESS, 1L);

    if (transfer.stopped) return head_of(curl, transfer.headers);  // the caller's choice
    if (code != CURLE_OK) {
      // libcurl's text may quote the URL: it goes through the same redaction as every URL.
      const std::string reason =
          redact_urls(error_buffer[0] != '\0' ? error_buffer : curl_easy_strerror(code));
      return failure(curl, code, reason, host, request.url, transfer.received);
    }

    if (stream != nullptr) {
      // An empty body never reached on_body: the head goes over now.
      (void)deliver_head(transfer);
      return head_of(curl, transfer.headers);
    }
    Response response = head_of(curl, transfer.headers);
    response.body = std::move(transfer.body);
    return response;
  }

  std::unexpected<Error> failure(CURL* curl, CURLcode code, const std::string& reason,
                                 const std::string& host, const std::string& url,
                                 std::size_t received) const {
    switch (code) {
      case CURLE_URL_MALFORMAT:
      case CURLE_UNSUPPORTED_PROTOCOL:
        return fail(ErrorCode::invalid_argument, fmt::format("{}: {}", redact_url(url), reason));
      case CURLE_COULDNT_RESOLVE_HOST:
        return fail(ErrorCode::unavailable, host + ": could not resolve host");
      case CURLE_COULDNT_RESOLVE_PROXY:
        return fail(ErrorCode::unavailable, host + ": could not resolve proxy (" + reason + ")");
      case CURLE_COULDNT_CONNECT: {
        long os_errno = 0;
        curl_easy_getinfo(curl, CURLINFO_OS_ERRNO, &os_errno);
        if (os_errno == ECONNREFUSED) {
          return fail(ErrorCode::unavailable, host + ": connection refused");
        }
        return fail(ErrorCode::unavailable, host + ": could not connect (" + reason + ")");
      }
      case CURLE_PARTIAL_FILE:
      case CURLE_RECV_ERROR:
      case CURLE_SEND_ERROR:
      case CURLE_GOT_NOTHING:
      case CURLE_HTTP2:
      case CURLE_HTTP2_STREAM:
        return transient_failure(
            fmt::format("{}: {} after {} bytes ({})", host, kCauseDropped, received, reason));
      case CURLE_OPERATION_TIMEDOUT:
        return timeout(curl, host, reason);
      case CURLE_TOO_MANY_REDIRECTS:
        return fail(ErrorCode::unavailable,
                    fmt::format("{}: too many redirects (more than {})", host, kMaxRedirects));
      case CURLE_BAD_CONTENT_ENCODING:
        return fail(ErrorCode::bad_upstream_data, host + ": bad content encoding (" + reason + ")");
      default:
        return fail(ErrorCode::unavailable, host + ": " + reason);
    }
  }

  // One curl code covers three limits; tell them apart by what had happened when it fired.
  std::unexpected<Error> timeout(CURL* curl, const std::string& host,
                                 const std::string& reason) const {
    curl_off_t connected_us = 0;
    curl_off_t elapsed_us = 0;
    curl_easy_getinfo(curl, CURLINFO_CONNECT_TIME_T, &connected_us);
    curl_easy_getinfo(curl, CURLINFO_TOTAL_TIME_T, &elapsed_us);
    const auto elapsed = std::chrono::milliseconds(elapsed_us / 1000);
    if (connected_us == 0 && options_.connect_timeout < options_.total_timeout) {
      return transient_failure(fmt::format("{}: connect {} after {}", host, kCauseTimedOut,
                                           format_duration(options_.connect_timeout)));
    }
    // 50 ms of slack: curl checks its limits on a timer, not to the microsecond.
    if (elapsed + std::chrono::milliseconds(50) < options_.total_timeout &&
        options_.low_speed_bytes > 0) {
      return transient_failure(fmt::format("{}: {}: fewer than {} bytes/s for {} ({})", host,
                                           kCauseStalled, options_.low_speed_bytes,
                                           format_duration(options_.low_speed_time), reason));
    }
    return transient_failure(fmt::format("{}: {} after {}", host, kCauseTimedOut,
                                         format_duration(options_.total_timeout)));
  }

  const CurlOptions options_;
  std::mutex mutex_;
  std::multimap<std::string, CurlEasy> idle_;  // guarded by mutex_: handles not in use, by host key
};

}  // namespace

std::unique_ptr<HttpClient> make_curl_client(CurlOptions options) {
  // libcurl must be initialised once per process before any handle exists, and
  // curl_global_init is not thread-safe itself; a function-local static gives exactly that.
  // The matching curl_global_cleanup is left to process exit on purpose: handles may outlive
  // any one client.
  static const bool initialised = [] {
    return curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
  }();
  (void)initialised;
  return std::make_unique<CurlClient>(std::move(options));
}

}  // namespace ah::net
