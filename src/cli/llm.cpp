#include "cli/llm.h"

#include "brief/openai_client.h"

namespace ah::cli {

Result<LlmClient> make_llm_client(const App& app) {
  LlmClient client;
  const brief::LlmSettings llm = brief::llm_settings(app.config());
  if (!llm.configured()) return client;
  auto ua = config::user_agent(app.config());
  client.http = net::make_curl_client(
      brief::llm_curl_options(ua ? *ua : "AcademicHub/0.1", app.config().llm_timeout));
  client.clock = net::make_system_clock();
  brief::ClientOptions options;
  options.max_retries = app.config().llm_retries;
  options.log = [&app](std::string_view line) { app.log(LogLevel::info, line); };
  auto made = brief::make_openai_client(llm, *client.http, *client.clock, std::move(options));
  if (!made) return std::unexpected(made.error().with_context("[llm]"));
  client.model = std::move(*made);
  return client;
}

}  // namespace ah::cli
