// The configured LLM ([llm] settings) for the commands that use one (brief, tldr, translate,
// serve): an OpenAI-compatible client over an HTTP client of its own, with the configured timeout
// and retries, logging one line per call through App::log. Main thread; the model it makes is
// thread-safe (serve's workers share it).
#pragma once

#include <memory>

#include "brief/chat_model.h"
#include "cli/app.h"
#include "core/error.h"
#include "net/http_client.h"

namespace ah::cli {

// The client and what it borrows, kept together so that they live as long as each other.
struct LlmClient {
  std::unique_ptr<net::HttpClient> http;
  std::unique_ptr<net::Clock> clock;
  std::unique_ptr<brief::ChatModel> model;  // null when no LLM is configured
};

// The configured LLM; its `model` is null when [llm] names none. No politeness wrapper: the
// client retries itself, and the wrapper would buffer a streamed answer. `app` must outlive the
// client (its log). Errors: invalid_argument (context "[llm]") for a base URL that is not http(s).
Result<LlmClient> make_llm_client(const App& app);

}  // namespace ah::cli
