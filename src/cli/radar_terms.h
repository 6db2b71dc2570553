// The radar service's English search terms for descriptions written in Chinese
// (radarsvc::ServiceOptions::description_terms), from the configured LLM and cached in the store
// (brief::english_search_terms), for the commands that rank radars (serve, radar feed).
// Thread-safe: each call opens its own store connection (the hook runs while the caller's own
// connection is in use) and the model is thread-safe.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "brief/chat_model.h"
#include "core/error.h"
#include "store/paper_store.h"

namespace ah::cli {

using DescriptionTerms =
    std::function<std::optional<std::vector<std::string>>(std::string_view description)>;

using OpenStore = std::function<Result<std::unique_ptr<store::PaperStore>>()>;

// The hook for a command that may wait for the LLM (radar feed, brief --radar), or an empty
// function when `model` is null (no LLM configured: descriptions are read as written). A
// description without Chinese is read as written without asking. A failure (the LLM's, or a
// store that cannot be opened) goes to `warn` and leaves the description as written; the next
// learning of the radar asks again.
DescriptionTerms description_terms(brief::ChatModel* model, OpenStore open_store,
                                   std::function<void(std::string_view)> warn);

// The same for the server, which must not wait for an LLM while it ranks: the hook only reads
// the cache, and `ask` (for a radar just created or edited: web::RadarApiOptions::
// on_description) asks the LLM and fills it. Both empty when `model` is null.
struct ServerDescriptionTerms {
  DescriptionTerms cached;
  std::function<void(std::string_view description)> ask;
};
ServerDescriptionTerms server_description_terms(brief::ChatModel* model, OpenStore open_store,
                                                std::function<void(std::string_view)> warn);

}  // namespace ah::cli
