#include "brief/openai_wire.h"

#include <nlohmann/json.hpp>

namespace ah::brief::wire {
namespace {

using nlohmann::json;

// A string member, or "" when it is absent, null or not a string.
std::string string_at(const json& object, const char* key) {
  if (!object.is_object()) return {};
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

int int_at(const json& object, const char* key) {
  if (!object.is_object()) return 0;
  auto it = object.find(key);
  if (it == object.end() || !it->is_number()) return 0;
  const double value = it->get<double>();
  return value > 0 && value < 1e9 ? static_cast<int>(value) : 0;
}

std::optional<Usage> usage_of(const json& root) {
  auto it = root.find("usage");
  if (it == root.end() || !it->is_object()) return std::nullopt;
  if (!it->contains("prompt_tokens") && !it->contains("completion_tokens")) return std::nullopt;
  Usage usage;
  usage.prompt_tokens = int_at(*it, "prompt_tokens");
  usage.completion_tokens = int_at(*it, "completion_tokens");
  return usage;
}

// The first element of "choices", or null.
const json* first_choice(const json& root) {
  auto it = root.find("choices");
  if (it == root.end() || !it->is_array() || it->empty() || !(*it)[0].is_object()) return nullptr;
  return &(*it)[0];
}

std::string one_line(std::string text, std::size_t limit) {
  for (char& c : text) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  }
  if (text.size() > limit) {
    std::size_t cut = limit;
    // Never cut inside a UTF-8 sequence.
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    text.resize(cut);
    text += "...";
  }
  return text;
}

}  // namespace

std::string request_body(const ChatRequest& request, std::string_view model, bool stream,
                         bool ask_usage) {
  json messages = json::array();
  for (const ChatMessage& m : request.messages) {
    messages.push_back({{"role", to_string(m.role)}, {"content", m.content}});
  }
  json body{{"model", model},
            {"messages", std::move(messages)},
            {"temperature", request.temperature},
            {"stream", stream}};
  if (request.max_tokens > 0) body["max_tokens"] = request.max_tokens;
  if (stream && ask_usage) body["stream_options"] = {{"include_usage", true}};
  // Invalid UTF-8 in a paper's text must not throw: it is replaced, not refused.
  return body.dump(-1, ' ', false, json::error_handler_t::replace);
}

FinishReason parse_finish_reason(std::string_view reason) {
  if (reason == "stop") return FinishReason::stop;
  if (reason == "length") return FinishReason::length;
  return FinishReason::other;
}

Result<ParsedAnswer> parse_answer(std::string_view body) {
  const json root = json::parse(body, nullptr, false);
  if (root.is_discarded() || !root.is_object()) {
    return fail(ErrorCode::bad_upstream_data, "the answer is not JSON");
  }
  const json* choice = first_choice(root);
  if (choice == nullptr || !choice->contains("message") || !(*choice)["message"].is_object()) {
    return fail(ErrorCode::bad_upstream_data, "the answer has no choices[0].message");
  }
  ParsedAnswer parsed;
  parsed.reply.text = string_at((*choice)["message"], "content");
  const std::string finish = string_at(*choice, "finish_reason");
  parsed.reply.finish = finish.empty() ? FinishReason::stop : parse_finish_reason(finish);
  parsed.reply.model = string_at(root, "model");
  if (auto usage = usage_of(root)) {
    parsed.reply.usage = *usage;
    parsed.has_usage = true;
  }
  return parsed;
}

Result<StreamChunk> parse_chunk(std::string_view data) {
  const json root = json::parse(data, nullptr, false);
  if (root.is_discarded() || !root.is_object()) {
    return fail(ErrorCode::bad_upstream_data, "a streamed chunk is not a JSON object");
  }
  StreamChunk chunk;
  if (auto it = root.find("error"); it != root.end() && !it->is_null()) {
    chunk.error = error_message(it->dump());
    return chunk;
  }
  chunk.model = string_at(root, "model");
  chunk.usage = usage_of(root);
  if (const json* choice = first_choice(root)) {
    if (auto delta = choice->find("delta"); delta != choice->end()) {
      chunk.content = string_at(*delta, "content");
    }
    if (const std::string finish = string_at(*choice, "finish_reason"); !finish.empty()) {
      chunk.finish = parse_finish_reason(finish);
    }
  }
  return chunk;
}

std::string error_message(std::string_view body, std::size_t limit) {
  const json root = json::parse(body, nullptr, false);
  if (!root.is_discarded()) {
    if (root.is_string()) return one_line(root.get<std::string>(), limit);
    if (root.is_object()) {
      if (auto it = root.find("error"); it != root.end()) {
        if (it->is_string()) return one_line(it->get<std::string>(), limit);
        if (const std::string m = string_at(*it, "message"); !m.empty()) {
          return one_line(m, limit);
        }
      }
      for (const char* key : {"message", "detail", "msg"}) {
        if (const std::string m = string_at(root, key); !m.empty()) return one_line(m, limit);
      }
    }
  }
  return one_line(std::string(body), limit);
}

}  // namespace ah::brief::wire
