#include "cli/radar_terms.h"

#include "brief/paper_notes.h"

namespace ah::cli {

DescriptionTerms description_terms(brief::ChatModel* model, OpenStore open_store,
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

ServerDescriptionTerms server_description_terms(brief::ChatModel* model, OpenStore open_store,
                                                std::function<void(std::string_view)> warn) {
  if (model == nullptr) return {};
  ServerDescriptionTerms out;
  out.cached = [model, open_store,
                warn](std::string_view d) -> std::optional<std::vector<std::string>> {
    if (!brief::wants_english_terms(d)) return std::nullopt;
    auto store = open_store();
    if (!store) {
      warn("radar description's English terms: " + store.error().message);
      return std::nullopt;
    }
    return brief::cached_search_terms(**store, d, model->model());
  };
  // Asking is the CLI's hook with its answer dropped: the cache keeps it for `cached`.
  out.ask = [hook = description_terms(model, std::move(open_store), std::move(warn))](
                std::string_view d) { (void)hook(d); };
  return out;
}

}  // namespace ah::cli
