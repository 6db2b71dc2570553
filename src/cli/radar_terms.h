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

// The hook, or an empty function when `model` is null (no LLM configured: descriptions are read
// as written). A description without Chinese is read as written without asking. A failure (the
// LLM's, or a store that cannot be opened) goes to `warn` once per call and leaves the
// description as written; the next learning of the radar asks again.
DescriptionTerms description_terms(
    brief::ChatModel* model,
    std::function<Result<std::unique_ptr<store::PaperStore>>()> open_store,
    std::function<void(std::string_view)> warn);

}  // namespace ah::cli
