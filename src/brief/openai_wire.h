// The wire format of OpenAI-compatible chat completions (POST {base}/chat/completions), as
// OpenAI, DeepSeek, Qwen (DashScope compatible mode), Kimi, Zhipu, Ollama, vLLM and llama.cpp's
// server speak it: the request body, a whole answer, one streamed chunk, an error body. Pure
// functions over text; thread-safe. The client (openai_client.h) does the I/O.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "brief/chat_model.h"
#include "core/error.h"

namespace ah::brief::wire {

// {"model", "messages": [{"role", "content"}], "temperature", "max_tokens" (when > 0),
//  "stream"; when streamed and `ask_usage`: "stream_options": {"include_usage": true}}.
std::string request_body(const ChatRequest& request, std::string_view model, bool stream,
                         bool ask_usage);

// "stop" -> stop, "length" -> length, anything else (content_filter, tool_calls) -> other.
FinishReason parse_finish_reason(std::string_view reason);

// A whole (non-streamed) answer: choices[0].message.content (null reads as ""), finish_reason,
// model, usage when present (reply.usage.estimated is then false; absent usage leaves `usage`
// unset). Errors: bad_upstream_data when the body is not JSON or has no choices[0].message.
struct ParsedAnswer {
  ChatReply reply;
  bool has_usage = false;
};
Result<ParsedAnswer> parse_answer(std::string_view body);

// One streamed chunk (an SSE event's data other than "[DONE]"): the text in
// choices[0].delta.content (absent or null: ""), finish_reason when given, model, usage when the
// chunk carries it (many servers send it only in the last chunk, with empty choices). A chunk
// {"error": {...}} (a failure in mid-stream) gives `error` with the server's message. Errors:
// bad_upstream_data when the data is not a JSON object.
struct StreamChunk {
  std::string content;
  std::optional<FinishReason> finish;
  std::string model;
  std::optional<Usage> usage;
  std::optional<std::string> error;
};
Result<StreamChunk> parse_chunk(std::string_view data);

// The message a server puts in an error body: error.message, error (a string), message or
// detail; else the body's start as text. At most `limit` bytes, one line.
std::string error_message(std::string_view body, std::size_t limit = 300);

}  // namespace ah::brief::wire
