// A ChatModel for any OpenAI-compatible chat-completions endpoint: OpenAI, DeepSeek, Qwen
// (DashScope's compatible mode), Kimi, Zhipu, Ollama, vLLM, llama.cpp's server. It POSTs to
// {base_url}/chat/completions through a net::HttpClient, streams with server-sent events, retries
// 429, 5xx and timeouts with back-off, and keeps the API key out of every message and log line.
// Thread-safe when the HttpClient and Clock are (the curl client and the system clock are): each
// call keeps its state on its own stack.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "brief/chat_model.h"
#include "config/config.h"
#include "core/error.h"
#include "net/http_client.h"

namespace ah::brief {

struct LlmSettings {
  // The endpoint's base, usually ending in /v1: "https://api.deepseek.com/v1",
  // "https://dashscope.aliyuncs.com/compatible-mode/v1", "http://127.0.0.1:11434/v1" (Ollama),
  // "https://open.bigmodel.cn/api/paas/v4" (Zhipu). "/chat/completions" is appended; a base that
  // already ends in it is taken as the full address.
  std::string base_url;
  std::string model;       // "deepseek-chat", "qwen-plus", "moonshot-v1-8k", "llama3.1", ...
  config::Secret api_key;  // sent as "Authorization: Bearer <key>" only when not empty
  // True when an LLM is configured (a base URL and a model): with none, briefings are written
  // from the analysis alone.
  bool configured() const { return !base_url.empty() && !model.empty(); }
};
// The [llm] settings of a configuration.
LlmSettings llm_settings(const config::Config& config);

struct ClientOptions {
  // Retries after 429, 5xx, a timeout or a dropped connection (not after a refused connection or
  // an unknown host: those are configuration errors). 0 disables retrying.
  int max_retries = 3;
  // Back-off when the server gives no Retry-After: base * 2^attempt, at most cap.
  std::chrono::milliseconds backoff_base{1'000};
  std::chrono::milliseconds backoff_cap{30'000};
  // A Retry-After longer than this gives up at once (rate_limited, naming the delay asked for).
  std::chrono::seconds max_retry_after{120};
  // Streamed calls ask for usage in the last chunk (stream_options.include_usage), which OpenAI,
  // DeepSeek, DashScope, vLLM and Ollama honour; servers that ignore it get estimated counts.
  bool ask_usage_in_stream = true;
  // Receives one line per attempt: "POST http://127.0.0.1:11434/v1/chat/completions -> 200
  // (model qwen2.5, streamed, 812+230 tokens, 3.1 s)"; URLs redacted, never the key. Called on
  // the calling thread. Default: none.
  std::function<void(std::string_view)> log;
};

// Builds the client; `http` and `clock` are borrowed and must outlive it. `http` should not be
// a politeness wrapper (this client retries itself, and the wrapper buffers streamed answers).
// Errors: invalid_argument when base_url is not an http(s) URL or model is empty.
Result<std::unique_ptr<ChatModel>> make_openai_client(LlmSettings settings, net::HttpClient& http,
                                                      net::Clock& clock,
                                                      ClientOptions options = {});

// libcurl settings for an LLM endpoint: connect within 10 s, at most `timeout` for a whole
// answer (a long briefing from a slow local model takes minutes), and no stall detection, since
// a non-streamed answer sends nothing until it is complete. `user_agent` must not be empty.
net::CurlOptions llm_curl_options(std::string user_agent,
                                  std::chrono::seconds timeout = std::chrono::seconds(300));

}  // namespace ah::brief
