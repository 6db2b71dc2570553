#include "cli/radar_terms.h"

#include "brief/paper_notes.h"

namespace ah::cli {

DescriptionTerms description_terms(
    brief::ChatModel* model,
    std::function<Result<std::unique_ptr<store::PaperStore>>()> open_store,
    std::function<void(std::string_view)> warn) {
  if (model == nullptr) return {};
  return [model, open_store = std::move(open_store),
          warn = std::move(warn)](std::string_view d) -> std::optional<std::vector<std::string>> {
    if (!brief::wants_english_terms(d)) return std::nullopt;
    auto store = open_store();
    if (!store) {
      warn("radar description's English terms: " + store.error().message);
      return std::nullopt;
    }
    auto terms = brief::english_search_terms(d, *model, **store, warn);
    if (!terms) {
      warn("radar description's English terms: " + terms.error().message);
      return std::nullopt;
    }
    return std::move(*terms);
  };
}

}  // namespace ah::cli
