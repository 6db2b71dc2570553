// A local OpenAI-compatible chat-completions server for tests: POST /v1/chat/completions on
// 127.0.0.1 at a free port, answering from a script (streamed or not, as each request asks),
// and recording every request (headers, model, messages). Thread-safe: script and inspect it
// from the test thread while clients talk to it.
#pragma once

#include <chrono>
#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace ah::testing {

// One scripted answer. Build with the factories and chain with_*() on the temporary.
struct FakeLlmReply {
  int status = 200;
  std::string content;  // the assistant's text
  // Streamed answers send the content in these pieces, one chunk each; empty: the content cut
  // into pieces of about 8 bytes (never inside a UTF-8 sequence).
  std::vector<std::string> pieces;
  std::string error_body;                      // the whole body when status is not 200
  std::map<std::string, std::string> headers;  // e.g. {"Retry-After", "1"}
  std::chrono::milliseconds delay{0};          // before the answer starts (cut short on stop)
  std::chrono::milliseconds piece_delay{0};    // between two writes of a streamed answer
  bool usage = true;  // report usage (in a streamed answer: in a last chunk, when asked for)
  int prompt_tokens = 120;
  int completion_tokens = 40;
  bool crlf = false;            // streamed lines end in CRLF instead of LF
  std::size_t split_every = 0;  // streamed bytes written this many at a time (events cut across
                                // reads); 0: one write per event
  bool comments = false;        // ": keep-alive" comment lines between events
  bool done = true;             // a streamed answer ends with "data: [DONE]"
  bool ignore_stream = false;   // a whole JSON answer even when streaming was asked for
  std::string finish_reason = "stop";

  static FakeLlmReply text(std::string content);
  static FakeLlmReply error(int status, std::string body);

  FakeLlmReply with_header(const std::string &name, std::string value) &&;
  FakeLlmReply with_delay(std::chrono::milliseconds value) &&;
  FakeLlmReply in_pieces(std::vector<std::string> parts,
                         std::chrono::milliseconds between = std::chrono::milliseconds(0)) &&;
  FakeLlmReply without_usage() &&;
  FakeLlmReply with_crlf() &&;
  FakeLlmReply split_every_bytes(std::size_t bytes) &&;
  FakeLlmReply with_comments() &&;
  FakeLlmReply without_done() &&;
  FakeLlmReply ignoring_stream() &&;
};

// One request as the server saw it.
struct LlmRequestRecord {
  std::string path;
  std::map<std::string, std::string> headers;  // names lower-cased ("authorization")
  std::string body;                            // raw JSON
  std::string model;
  bool stream = false;
  bool include_usage = false;  // stream_options.include_usage
  std::optional<int> max_tokens;
  std::vector<std::pair<std::string, std::string>> messages;  // (role, content)

  std::string header(const std::string &name) const;  // "" when absent; `name` lower-case
  // The content of the first message with `role`, or "".
  std::string message(const std::string &role) const;
};

class FakeLlmServer {
 public:
  // Binds 127.0.0.1:0 and starts serving; throws std::runtime_error when it cannot bind.
  FakeLlmServer();
  // Stops the server (pending delays are cut short) and joins its threads.
  ~FakeLlmServer();
  FakeLlmServer(const FakeLlmServer &) = delete;
  FakeLlmServer &operator=(const FakeLlmServer &) = delete;

  // "http://127.0.0.1:PORT/v1"
  std::string base_url() const;
  // "127.0.0.1:PORT": what the client's messages name.
  std::string host() const;

  // Appends an answer to the script: answers are served in order, the last one repeating; with
  // none scripted, every request gets 500.
  void add(FakeLlmReply reply);

  std::vector<LlmRequestRecord> requests() const;
  // When the server wrote the first piece of content of each streamed answer, in order.
  std::vector<std::chrono::steady_clock::time_point> first_piece_times() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace ah::testing
