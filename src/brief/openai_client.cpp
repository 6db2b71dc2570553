// The retry loop and the transport of the OpenAI-compatible client; the wire format is in
// openai_wire.cpp. Each attempt is one HTTP request; what an attempt saw decides whether to try
// again (Attempt::retryable), never the text of a message.
#include "brief/openai_client.h"

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <utility>
#include <vector>

#include "brief/openai_wire.h"
#include "brief/sse.h"
#include "brief/text_stats.h"
#include "net/url.h"

namespace ah::brief {
namespace {

using std::chrono::milliseconds;

constexpr std::size_t kMaxErrorBody = 64 * 1024;      // kept of a failed answer, for its message
constexpr std::size_t kMaxSseLine = 4 * 1024 * 1024;  // a "line" longer than this is no SSE

std::string join_url(std::string_view base) {
  std::string url(base);
  while (!url.empty() && url.back() == '/') url.pop_back();
  if (!url.ends_with("/chat/completions")) url += "/chat/completions";
  return url;
}

std::string seconds_text(milliseconds elapsed) {
  return fmt::format("{:.1f} s", static_cast<double>(elapsed.count()) / 1000.0);
}

// What one attempt ended with.
struct Attempt {
  std::optional<ChatReply> reply;  // success (also a cancelled call)
  int status = 0;                  // an HTTP status that is not success; 0 for other failures
  std::optional<std::chrono::seconds> retry_after;
  std::optional<Error> error;  // the failure (transport, bad answer), or the HTTP status's
  bool retryable = false;
  bool delivered = false;  // streamed text already reached the caller: no retry can undo it
};

class OpenAiClient final : public ChatModel {
 public:
  OpenAiClient(LlmSettings settings, std::string host, net::HttpClient& http, net::Clock& clock,
               ClientOptions options)
      : settings_(std::move(settings)),
        url_(join_url(settings_.base_url)),
        host_(std::move(host)),
        http_(http),
        clock_(clock),
        options_(std::move(options)) {}

  std::string model() const override { return settings_.model; }

  Result<ChatReply> chat(const ChatRequest& request, const ChatCall& call) override {
    const bool streamed = static_cast<bool>(call.on_delta);
    net::Request http_request;
    http_request.method = "POST";
    http_request.url = url_;
    http_request.headers["Content-Type"] = "application/json";
    http_request.headers["Accept"] = streamed ? "text/event-stream" : "application/json";
    if (!settings_.api_key.empty()) {
      http_request.headers["Authorization"] = "Bearer " + settings_.api_key.reveal();
    }
    http_request.body =
        wire::request_body(request, settings_.model, streamed, options_.ask_usage_in_stream);

    for (int attempt = 0;; ++attempt) {
      if (cancelled(call)) return cancelled_reply();
      const auto start = clock_.now();
      Attempt outcome = streamed ? stream_once(http_request, call) : once(http_request);
      const auto elapsed = std::chrono::duration_cast<milliseconds>(clock_.now() - start);
      if (outcome.reply) {
        complete_usage(*outcome.reply, request);
        log(fmt::format("POST {} -> 200 (model {}, {}{}+{} tokens{}, {})", redacted_url(),
                        outcome.reply->model.empty() ? settings_.model : outcome.reply->model,
                        streamed ? "streamed, " : "", outcome.reply->usage.prompt_tokens,
                        outcome.reply->usage.completion_tokens,
                        outcome.reply->usage.estimated ? " estimated" : "", seconds_text(elapsed)));
        return std::move(*outcome.reply);
      }
      const std::string what =
          outcome.status != 0 ? std::to_string(outcome.status) : "error: " + outcome.error->message;
      const bool may_retry =
          outcome.retryable && !outcome.delivered && attempt < options_.max_retries;
      if (!may_retry) {
        log(fmt::format("POST {} -> {} ({})", redacted_url(), what, seconds_text(elapsed)));
        return std::unexpected(final_error(outcome, attempt + 1));
      }
      milliseconds wait = backoff(attempt);
      if (outcome.retry_after) {
        if (*outcome.retry_after > options_.max_retry_after) {
          log(fmt::format("POST {} -> {} (Retry-After {} s: giving up)", redacted_url(), what,
                          outcome.retry_after->count()));
          return fail(ErrorCode::rate_limited,
                      fmt::format("LLM endpoint {}: HTTP {} asks to wait {} s, more than the {} s "
                                  "allowed",
                                  host_, outcome.status, outcome.retry_after->count(),
                                  options_.max_retry_after.count()));
        }
        wait = *outcome.retry_after;
      }
      log(fmt::format("POST {} -> {} (retry in {})", redacted_url(), what, seconds_text(wait)));
      sleep(wait, call);
    }
  }

 private:
  static bool cancelled(const ChatCall& call) {
    return call.cancel != nullptr && call.cancel->cancelled();
  }

  ChatReply cancelled_reply() const {
    ChatReply reply;
    reply.model = settings_.model;
    reply.finish = FinishReason::cancelled;
    return reply;
  }

  std::string redacted_url() const { return net::redact_url(url_); }

  // The key never leaves this object: whatever text came from the server or the transport has
  // every occurrence of it replaced before it reaches an error, a log line or a caller.
  std::string scrub(std::string text) const {
    const std::string& key = settings_.api_key.reveal();
    if (key.empty()) return text;
    for (std::size_t at = text.find(key); at != std::string::npos; at = text.find(key, at + 3)) {
      text.replace(at, key.size(), "***");
    }
    return text;
  }

  void log(const std::string& line) const {
    if (options_.log) options_.log(scrub(line));
  }

  milliseconds backoff(int attempt) const {
    const auto factor = static_cast<std::int64_t>(1) << std::min(attempt, 20);
    return std::min(options_.backoff_cap, options_.backoff_base * factor);
  }

  // Sleeps `duration`, in slices when the call can be cancelled so a cancel is seen within 100 ms.
  void sleep(milliseconds duration, const ChatCall& call) {
    if (call.cancel == nullptr) {
      clock_.sleep_for(duration);
      return;
    }
    while (duration.count() > 0 && !cancelled(call)) {
      const milliseconds slice = std::min(duration, milliseconds(100));
      clock_.sleep_for(slice);
      duration -= slice;
    }
  }

  // Fills usage the server did not report with estimates (text_stats.h), and says so.
  static void complete_usage(ChatReply& reply, const ChatRequest& request) {
    if (!reply.usage.estimated &&
        (reply.usage.prompt_tokens > 0 || reply.usage.completion_tokens > 0)) {
      return;
    }
    int prompt = 0;
    for (const ChatMessage& m : request.messages) prompt += estimate_tokens(m.content) + 4;
    reply.usage.prompt_tokens = prompt;
    reply.usage.completion_tokens = estimate_tokens(reply.text);
    reply.usage.estimated = true;
  }

  // An attempt's failure from an HTTP status that is not success.
  Attempt status_failure(const net::Response& head, std::string_view body) const {
    Attempt a;
    a.status = head.status;
    a.retry_after = head.retry_after;
    a.retryable = head.status == 429 || head.status >= 500;
    const std::string message = scrub(wire::error_message(body));
    a.error = Error{ErrorCode::unavailable, message};
    return a;
  }

  Attempt transport_failure(const Error& error) const {
    Attempt a;
    a.error = Error{error.code, scrub(error.message), error.transient};
    a.retryable = error.transient;
    return a;
  }

  Attempt bad_answer(std::string message) const {
    Attempt a;
    a.error = Error{ErrorCode::bad_upstream_data, scrub(std::move(message))};
    return a;
  }

  Attempt once(const net::Request& request) {
    auto response = http_.send(request);
    if (!response) return transport_failure(response.error());
    if (!response->ok()) return status_failure(*response, response->body);
    auto parsed = wire::parse_answer(response->body);
    if (!parsed) return bad_answer(parsed.error().message);
    Attempt a;
    a.reply = std::move(parsed->reply);
    if (!parsed->has_usage) a.reply->usage.estimated = true;
    return a;
  }

  // One streamed attempt: the events are parsed as the pieces arrive and each piece of text is
  // handed to the caller at once.
  Attempt stream_once(const net::Request& request, const ChatCall& call) {
    struct State {
      net::Response head;
      bool sse = true;   // else a whole JSON answer (a server that ignores "stream")
      std::string kept;  // the body of a failure or of a whole answer
      SseParser parser;
      std::vector<SseEvent> events;
      ChatReply reply;
      bool has_usage = false;
      bool done = false;     // [DONE] or a finish reason was seen
      bool stopped = false;  // we stopped the transfer: cancelled
      std::optional<Attempt> failure;
    } s;

    auto handle_events = [&]() -> bool {
      for (SseEvent& event : s.events) {
        if (event.data == "[DONE]") {
          s.done = true;
          continue;
        }
        auto chunk = wire::parse_chunk(event.data);
        if (!chunk) {
          s.failure = bad_answer(chunk.error().message);
          return false;
        }
        if (chunk->error) {
          Attempt a;
          a.error = Error{ErrorCode::unavailable, "error in mid-stream: " + scrub(*chunk->error)};
          a.retryable = true;
          s.failure = std::move(a);
          return false;
        }
        if (!chunk->model.empty()) s.reply.model = chunk->model;
        if (chunk->usage) {
          s.reply.usage = *chunk->usage;
          s.has_usage = true;
        }
        if (chunk->finish) {
          s.reply.finish = *chunk->finish;
          s.done = true;
        }
        if (!chunk->content.empty()) {
          s.reply.text += chunk->content;
          call.on_delta(chunk->content);
        }
      }
      s.events.clear();
      return true;
    };

    net::StreamCallbacks callbacks;
    callbacks.on_head = [&](const net::Response& head) {
      s.head = head;
      if (head.ok()) {
        auto type = head.headers.find("content-type");
        s.sse = type == head.headers.end() || type->second.find("json") == std::string::npos;
      }
      return true;
    };
    callbacks.on_body = [&](std::string_view piece) {
      if (cancelled(call)) {
        s.stopped = true;
        return false;
      }
      if (!s.head.ok() || !s.sse) {
        if (!s.head.ok() && s.kept.size() >= kMaxErrorBody) return true;
        s.kept.append(piece);
        return true;
      }
      s.parser.feed(piece, s.events);
      if (s.parser.pending_bytes() > kMaxSseLine) {
        s.failure = bad_answer("the answer is not a stream of server-sent events");
        return false;
      }
      return handle_events();
    };

    // A cancel is seen while the server is still thinking, not only between two pieces.
    callbacks.keep_going = [&] {
      if (!cancelled(call)) return true;
      s.stopped = true;
      return false;
    };
    auto response = http_.send_streaming(request, callbacks);
    const bool delivered = !s.reply.text.empty();
    if (s.failure) {
      s.failure->delivered = delivered;
      return std::move(*s.failure);
    }
    if (s.stopped) {
      Attempt a;
      a.reply = std::move(s.reply);
      a.reply->finish = FinishReason::cancelled;
      if (!s.has_usage) a.reply->usage.estimated = true;
      return a;
    }
    if (!response) {
      Attempt a = transport_failure(response.error());
      a.delivered = delivered;
      return a;
    }
    if (!response->ok()) return status_failure(*response, s.kept);
    if (!s.sse) {
      auto parsed = wire::parse_answer(s.kept);
      if (!parsed) return bad_answer(parsed.error().message);
      Attempt a;
      a.reply = std::move(parsed->reply);
      if (!a.reply->text.empty()) call.on_delta(a.reply->text);
      if (!parsed->has_usage) a.reply->usage.estimated = true;
      return a;
    }
    s.parser.finish(s.events);
    if (!handle_events()) {
      s.failure->delivered = !s.reply.text.empty();
      return std::move(*s.failure);
    }
    if (!s.done) {
      // The connection closed cleanly but the answer never said it was complete.
      Attempt a;
      a.error =
          Error{ErrorCode::unavailable, "the stream ended before the answer was complete", true};
      a.retryable = true;
      a.delivered = !s.reply.text.empty();
      return a;
    }
    Attempt a;
    a.reply = std::move(s.reply);
    if (!s.has_usage) a.reply->usage.estimated = true;
    return a;
  }

  // The error the caller gets when no attempt is left: it names the endpoint's host and what
  // the last attempt saw.
  Error final_error(const Attempt& last, int attempts) const {
    const std::string tries =
        attempts > 1 ? fmt::format(" after {} attempts", attempts) : std::string();
    if (last.status != 0) {
      const std::string detail =
          last.error && !last.error->message.empty() ? ": " + last.error->message : "";
      if (last.status == 429) {
        return Error{
            ErrorCode::rate_limited,
            fmt::format("LLM endpoint {}: HTTP 429 (rate limited){}{}", host_, tries, detail)};
      }
      if (last.status >= 500) {
        return Error{ErrorCode::unavailable, fmt::format("LLM endpoint {}: HTTP {}{}{}", host_,
                                                         last.status, tries, detail)};
      }
      std::string hint;
      if (last.status == 401 || last.status == 403) hint = " (check llm.api_key)";
      if (last.status == 404) hint = " (check llm.base_url and llm.model)";
      return Error{ErrorCode::invalid_argument,
                   fmt::format("LLM endpoint {}: HTTP {}{}{}", host_, last.status, hint, detail)};
    }
    const Error& e = *last.error;
    // Transport messages already start with the host ("127.0.0.1:8080: timed out after 2 s").
    const std::string message =
        e.message.starts_with(host_) ? e.message.substr(host_.size() + 2) : e.message;
    return Error{e.code, fmt::format("LLM endpoint {}: {}{}", host_, message, tries), e.transient};
  }

  const LlmSettings settings_;
  const std::string url_;
  const std::string host_;
  net::HttpClient& http_;
  net::Clock& clock_;
  const ClientOptions options_;
};

}  // namespace

std::string_view to_string(ChatMessage::Role role) {
  switch (role) {
    case ChatMessage::Role::system:
      return "system";
    case ChatMessage::Role::user:
      return "user";
    case ChatMessage::Role::assistant:
      return "assistant";
  }
  return "user";
}

LlmSettings llm_settings(const config::Config& config) {
  return LlmSettings{config.llm_base_url, config.llm_model, config.llm_api_key};
}

Result<std::unique_ptr<ChatModel>> make_openai_client(LlmSettings settings, net::HttpClient& http,
                                                      net::Clock& clock, ClientOptions options) {
  if (!settings.base_url.starts_with("http://") && !settings.base_url.starts_with("https://")) {
    return fail(ErrorCode::invalid_argument,
                "llm.base_url: expected an http:// or https:// URL ending in /v1, got \"" +
                    net::redact_url(settings.base_url) + "\"");
  }
  if (settings.model.empty()) {
    return fail(ErrorCode::invalid_argument,
                "llm.model: no model named (set llm.model or "
                "ACADEMICHUB_LLM_MODEL)");
  }
  auto host = net::parse_url_host(settings.base_url);
  if (!host) return std::unexpected(host.error().with_context("llm.base_url"));
  return std::make_unique<OpenAiClient>(std::move(settings), host->display(), http, clock,
                                        std::move(options));
}

net::CurlOptions llm_curl_options(std::string user_agent, std::chrono::seconds timeout) {
  net::CurlOptions options;
  options.user_agent = std::move(user_agent);
  options.connect_timeout = std::chrono::seconds(10);
  options.total_timeout = timeout;
  options.low_speed_bytes = 0;
  return options;
}

}  // namespace ah::brief
