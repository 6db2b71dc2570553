// The one interface the briefing talks to a language model through: a chat completion, streamed
// or not, that can be cancelled. The OpenAI-compatible client (openai_client.h) implements it;
// tests and the briefing's own tests use fakes. Implementations state their thread-safety; a
// CancelToken may be set from any thread.
#pragma once

#include <atomic>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace ah::brief {

struct ChatMessage {
  enum class Role { system, user, assistant };
  Role role = Role::user;
  std::string content;
};
// "system", "user", "assistant": the names the chat-completions API uses.
std::string_view to_string(ChatMessage::Role role);

struct ChatRequest {
  std::vector<ChatMessage> messages;
  double temperature = 0.3;  // 0..2; low: briefings should stick to the papers
  int max_tokens = 0;        // the answer's limit in tokens; 0 leaves it to the server
};

// Tokens one call used. Servers report them (OpenAI's `usage`); some report none, or only in a
// streamed answer's last chunk when asked: then they are estimated (tokens.h) and say so.
struct Usage {
  int prompt_tokens = 0;
  int completion_tokens = 0;
  bool estimated = false;  // at least one count is our estimate, not the server's
  Usage& operator+=(const Usage& other) {
    prompt_tokens += other.prompt_tokens;
    completion_tokens += other.completion_tokens;
    estimated = estimated || other.estimated;
    return *this;
  }
};

// Why the model stopped.
enum class FinishReason {
  stop,       // it was done
  length,     // it reached max_tokens: the text is cut short
  cancelled,  // the caller's CancelToken was set; the text is what had arrived
  other,      // a reason the server names that is none of these (content_filter, ...)
};

struct ChatReply {
  std::string text;   // the assistant's answer (all of it, also when streamed)
  std::string model;  // the model the server says answered (may differ from the one asked)
  Usage usage;
  FinishReason finish = FinishReason::stop;
};

// Set once, from any thread, to stop a call between two chunks of its answer (and before a
// retry); never reset.
class CancelToken {
 public:
  void cancel() { cancelled_.store(true, std::memory_order_relaxed); }
  bool cancelled() const { return cancelled_.load(std::memory_order_relaxed); }

 private:
  std::atomic<bool> cancelled_{false};
};

// How one call is made. Default: not streamed, not cancellable.
struct ChatCall {
  // When set, the answer is streamed: each piece of text is handed over as it arrives (called on
  // the calling thread), and the reply still carries the whole text at the end.
  std::function<void(std::string_view piece)> on_delta;
  const CancelToken* cancel = nullptr;  // borrowed; may be null
};

class ChatModel {
 public:
  virtual ~ChatModel() = default;
  // The model asked for ("deepseek-chat"): part of a briefing's cache key.
  virtual std::string model() const = 0;
  // One chat completion. A cancelled call is no error: it returns what had arrived with
  // FinishReason::cancelled. Errors (after the implementation's own retries): unavailable (the
  // endpoint cannot be reached, times out or keeps failing with 5xx; the message names its host
  // and the status), rate_limited (429 after the retries), invalid_argument (the endpoint refuses
  // the request or the key: 4xx), bad_upstream_data (an answer that is not a chat completion).
  // Messages never contain the API key.
  virtual Result<ChatReply> chat(const ChatRequest& request, const ChatCall& call = {}) = 0;
};

}  // namespace ah::brief
