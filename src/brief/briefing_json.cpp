// The briefing's JSON form and its cache key.
#include <nlohmann/json.hpp>

#include "brief/briefing.h"
#include "brief/digest.h"
#include "brief/prompts.h"

namespace ah::brief {

nlohmann::json to_json(const Briefing& b) {
  using nlohmann::json;
  json papers = json::array();
  for (const BriefedPaper& p : b.papers) {
    papers.push_back({{"n", p.n}, {"id", p.id}, {"title", p.title}, {"date", p.date}});
  }
  json themes = json::array();
  for (const BriefedTheme& t : b.themes) {
    themes.push_back({{"label", t.label}, {"terms", t.terms}, {"papers", t.papers}});
  }
  json rising = json::array();
  for (const RisingTerm& r : b.news.rising_terms) {
    rising.push_back({{"term", r.term}, {"now", r.now}, {"before", r.before}});
  }
  json warnings = json::array();
  for (const Warning& w : b.warnings) warnings.push_back(w.message);
  return json{{"lang", to_string(b.lang)},
              {"papers", std::move(papers)},
              {"themes", std::move(themes)},
              {"new",
               {{"previous_papers", b.news.previous_papers},
                {"rising_terms", std::move(rising)}}},
              {"text", b.text},
              {"llm",
               {{"used", b.llm.used},
                {"model", b.llm.model},
                {"prompt_tokens", b.llm.prompt_tokens},
                {"completion_tokens", b.llm.completion_tokens},
                {"tokens_estimated", b.llm.estimated}}},
              {"warnings", std::move(warnings)},
              {"claims", b.claims},
              {"uncited_claims", b.uncited_claims}};
}

std::string cache_key(std::span<const core::Paper> papers, std::span<const core::Paper> previous,
                      const NotableInputs& notable, const BriefingOptions& options,
                      std::string_view model) {
  using nlohmann::json;
  auto identity = [](const core::Paper& p) {
    return json::array({paper_ref(p), p.version, p.updated, p.version_date});
  };
  json key{
      {"prompt_version", kPromptVersion},
      {"model", model},
      {"lang", to_string(options.lang)},
      {"use_llm", options.use_llm},
      {"budget",
       {options.budget.context_tokens, options.budget.answer_tokens, options.budget.total_tokens}},
      {"abstract_chars", options.abstract_chars},
      {"followed", notable.followed_authors},
      {"radar_top", notable.radar_top}};
  json set = json::array();
  for (const core::Paper& p : papers) set.push_back(identity(p));
  key["papers"] = std::move(set);
  json before = json::array();
  for (const core::Paper& p : previous) before.push_back(paper_ref(p));
  key["previous"] = std::move(before);
  json radar = json::array();
  for (const RadarScore& r : notable.radar) radar.push_back({r.paper, r.score, r.reason});
  key["radar"] = std::move(radar);
  return sha256_hex(key.dump(-1, ' ', false, json::error_handler_t::replace));
}

}  // namespace ah::brief
