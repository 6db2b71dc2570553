// Writing a briefing: plan the prompts within the token budget, make the calls, check the
// answer. The plan is decided on estimates (text_stats.h) before any call, so a briefing never
// starts what its budget cannot finish.
#include "brief/briefing.h"

#include <fmt/format.h>

#include <algorithm>
#include <optional>

#include "brief/citations.h"
#include "brief/prompts.h"
#include "brief/text_stats.h"

namespace ah::brief {
namespace {

constexpr int kMessageOverhead = 4;        // tokens each message costs beyond its text
constexpr int kMinThemeAnswer = 150;       // a theme's summary needs at least this
constexpr std::size_t kMinAbstract = 120;  // shorter excerpts say nothing: left out instead

int estimate(const ChatRequest& request) {
  int tokens = 0;
  for (const ChatMessage& m : request.messages)
    tokens += estimate_tokens(m.content) + kMessageOverhead;
  return tokens;
}

// What the prompts will carry.
struct Plan {
  bool by_theme = false;
  std::size_t abstract_chars = 0;
  std::vector<std::vector<std::size_t>> listed;  // one list (single call) or one per theme
  int theme_answer = 0;
  std::size_t left_out = 0;  // papers in no prompt
};

// The abstract lengths tried, longest first; 0 leaves abstracts out.
std::vector<std::size_t> ladder(std::size_t chars) {
  std::vector<std::size_t> out;
  for (std::size_t c = chars; c >= kMinAbstract; c /= 2) out.push_back(c);
  out.push_back(0);
  return out;
}

// The first papers of `candidates` whose entries fit in `room` tokens.
std::vector<std::size_t> fitting(std::span<const core::Paper> papers,
                                 std::span<const std::size_t> candidates, std::size_t chars,
                                 int room, std::size_t cap) {
  std::vector<std::size_t> out;
  int used = 0;
  for (std::size_t p : candidates) {
    if (out.size() >= cap) break;
    const int cost = estimate_tokens(paper_entry(papers[p], p + 1, chars)) + 1;
    if (used + cost > room) break;
    used += cost;
    out.push_back(p);
  }
  return out;
}

std::optional<Plan> plan_single(const Analysis& analysis, std::span<const core::Paper> papers,
                                const BriefingOptions& o) {
  const TokenBudget& b = o.budget;
  std::vector<std::size_t> all(papers.size());
  for (std::size_t p = 0; p < all.size(); ++p) all[p] = p;
  const auto steps = ladder(o.abstract_chars);
  // One call, while the abstracts need be cut to no less than half their length.
  for (std::size_t i = 0; i < steps.size() && i < 2; ++i) {
    const int tokens =
        estimate(briefing_request(analysis, papers, all, o.lang, steps[i], b.answer_tokens)) +
        b.answer_tokens;
    if (tokens <= b.context_tokens && tokens <= b.total_tokens) {
      return Plan{false, steps[i], {all}, 0, 0};
    }
  }
  return std::nullopt;
}

std::optional<Plan> plan_by_theme(const Analysis& analysis, std::span<const core::Paper> papers,
                                  const BriefingOptions& o) {
  const TokenBudget& b = o.budget;
  const std::size_t k = analysis.themes.size();
  const std::vector<std::string> empty_summaries(k);
  const int combine_base =
      estimate(combine_request(analysis, papers, empty_summaries, o.lang, b.answer_tokens));
  const int room_for_summaries = b.context_tokens - combine_base - b.answer_tokens;
  const int theme_answer =
      std::clamp(room_for_summaries / static_cast<int>(std::max<std::size_t>(1, k)),
                 kMinThemeAnswer, b.answer_tokens);
  const int combine_total = combine_base + static_cast<int>(k) * theme_answer + b.answer_tokens;

  Plan plan;
  plan.by_theme = true;
  plan.theme_answer = theme_answer;
  std::size_t cap = papers.size();  // papers per theme, lowered when the total does not fit
  for (;;) {
    for (std::size_t chars : ladder(o.abstract_chars)) {
      plan.abstract_chars = chars;
      plan.listed.assign(k, {});
      int total = combine_total;
      for (std::size_t t = 0; t < k; ++t) {
        const int base =
            estimate(theme_request(analysis, papers, t, {}, o.lang, chars, theme_answer));
        plan.listed[t] = fitting(papers, analysis.themes[t].papers, chars,
                                 b.context_tokens - base - theme_answer, cap);
        total += estimate(theme_request(analysis, papers, t, plan.listed[t], o.lang, chars,
                                        theme_answer)) +
                 theme_answer;
      }
      if (total <= b.total_tokens) {
        std::size_t listed = 0;
        for (const auto& l : plan.listed) listed += l.size();
        plan.left_out = papers.size() - listed;
        return plan;
      }
    }
    if (cap <= 1) break;
    std::size_t largest = 0;
    for (const Theme& t : analysis.themes) largest = std::max(largest, t.papers.size());
    cap = std::max<std::size_t>(1, std::min(cap, largest) * 4 / 5);
  }
  // Even one paper per theme, titles only, is over the total.
  return std::nullopt;
}

class Writer {
 public:
  Writer(const Analysis& analysis, std::span<const core::Paper> papers, ChatModel& model,
         const BriefingOptions& options, const BriefingEvents& events, Briefing& briefing)
      : analysis_(analysis),
        papers_(papers),
        model_(model),
        options_(options),
        events_(events),
        briefing_(briefing) {}

  // The LLM's checked text, or nullopt when it failed or was cancelled (the briefing says why).
  std::optional<std::string> run() {
    std::optional<Plan> plan = plan_single(analysis_, papers_, options_);
    if (!plan) plan = plan_by_theme(analysis_, papers_, options_);
    if (!plan) {
      warn(WarningKind::over_budget,
           fmt::format("a token budget of {} is too small to brief {} papers with the LLM; the "
                       "text is the analysis",
                       options_.budget.total_tokens, papers_.size()));
      return std::nullopt;
    }
    if (plan->left_out > 0 || plan->abstract_chars < options_.abstract_chars) {
      warn(WarningKind::papers_left_out,
           plan->left_out > 0
               ? fmt::format("the token budget left {} of {} papers out of the prompts",
                             plan->left_out, papers_.size())
               : fmt::format("the token budget cut the abstracts in the prompts to {} characters",
                             plan->abstract_chars));
    }
    ChatRequest final_request;
    if (!plan->by_theme) {
      final_request = briefing_request(analysis_, papers_, plan->listed[0], options_.lang,
                                       plan->abstract_chars, options_.budget.answer_tokens);
    } else {
      std::vector<std::string> summaries;
      for (std::size_t t = 0; t < analysis_.themes.size(); ++t) {
        step(fmt::format("theme {}/{}", t + 1, analysis_.themes.size()));
        auto reply = call(theme_request(analysis_, papers_, t, plan->listed[t], options_.lang,
                                        plan->abstract_chars, plan->theme_answer),
                          false);
        if (!reply) return std::nullopt;
        summaries.push_back(strip_thinking(reply->text));
      }
      step("combining");
      final_request = combine_request(analysis_, papers_, summaries, options_.lang,
                                      options_.budget.answer_tokens);
    }
    if (!plan->by_theme) step("writing");
    auto reply = call(final_request, true);
    if (!reply) return std::nullopt;
    std::string text = strip_thinking(reply->text);
    if (!language_matches(text, options_.lang)) {
      if (events_.on_reset) events_.on_reset();
      auto again = call(insist_on_language(final_request, options_.lang), true);
      if (!again) return std::nullopt;
      reply = std::move(again);
      text = strip_thinking(reply->text);
      if (!language_matches(text, options_.lang)) {
        warn(WarningKind::wrong_language,
             fmt::format("the answer is not in {} even after asking again",
                         options_.lang == Lang::zh ? "Chinese" : "English"));
      }
    }
    if (reply->finish == FinishReason::length) {
      warn(WarningKind::truncated, "the answer reached its token limit and may be cut short");
    }
    return check(text);
  }

 private:
  void step(const std::string& name) {
    if (events_.on_step) events_.on_step(name);
  }

  void warn(WarningKind kind, std::string message) {
    briefing_.warnings.push_back({kind, std::move(message)});
  }

  // One call; nullopt on failure or cancellation, with the briefing marked.
  std::optional<ChatReply> call(const ChatRequest& request, bool final_answer) {
    ChatCall c;
    c.cancel = events_.cancel;
    if (final_answer && events_.on_delta) c.on_delta = events_.on_delta;
    auto reply = model_.chat(request, c);
    if (!reply) {
      briefing_.llm_failed = true;
      warn(WarningKind::llm_failed,
           reply.error().message + "; the briefing is the analysis without the LLM");
      return std::nullopt;
    }
    ++briefing_.llm.calls;
    briefing_.llm.prompt_tokens += reply->usage.prompt_tokens;
    briefing_.llm.completion_tokens += reply->usage.completion_tokens;
    briefing_.llm.estimated = briefing_.llm.estimated || reply->usage.estimated;
    if (reply->finish == FinishReason::cancelled) {
      briefing_.cancelled = true;
      warn(WarningKind::cancelled, "the briefing was cancelled; the text is the analysis");
      return std::nullopt;
    }
    return std::move(*reply);
  }

  std::string check(const std::string& text) {
    CitationCheck checked = check_citations(text, static_cast<int>(papers_.size()));
    if (!checked.removed.empty()) {
      std::string numbers;
      for (int n : checked.removed) numbers += fmt::format("[{}]", n);
      warn(WarningKind::citation_removed,
           fmt::format("removed citations of papers not in the set of {}: {}", papers_.size(),
                       numbers));
    }
    briefing_.claims = checked.claims;
    briefing_.uncited_claims = checked.uncited;
    if (checked.uncited > 0) {
      warn(WarningKind::uncited_claims,
           fmt::format("{} of {} claim sentences cite no paper (marked {})", checked.uncited,
                       checked.claims, kUncitedMark));
    }
    return checked.text;
  }

  const Analysis& analysis_;
  std::span<const core::Paper> papers_;
  ChatModel& model_;
  const BriefingOptions& options_;
  const BriefingEvents& events_;
  Briefing& briefing_;
};

}  // namespace

std::string_view to_string(WarningKind kind) {
  switch (kind) {
    case WarningKind::llm_failed:
      return "llm_failed";
    case WarningKind::cancelled:
      return "cancelled";
    case WarningKind::citation_removed:
      return "citation_removed";
    case WarningKind::uncited_claims:
      return "uncited_claims";
    case WarningKind::wrong_language:
      return "wrong_language";
    case WarningKind::truncated:
      return "truncated";
    case WarningKind::papers_left_out:
      return "papers_left_out";
    case WarningKind::usage_estimated:
      return "usage_estimated";
    case WarningKind::over_budget:
      return "over_budget";
  }
  return "unknown";
}

Briefing write_briefing(const Analysis& analysis, std::span<const core::Paper> papers,
                        ChatModel* model, const BriefingOptions& options,
                        const BriefingEvents& events) {
  Briefing briefing;
  briefing.lang = options.lang;
  for (std::size_t p = 0; p < papers.size(); ++p) {
    briefing.papers.push_back({static_cast<int>(p + 1), paper_ref(papers[p]),
                               std::string(paper_title(papers[p])), paper_date(papers[p])});
  }
  for (const Theme& theme : analysis.themes) {
    BriefedTheme t{theme_label(theme, options.lang), theme.terms, {}};
    for (std::size_t p : theme.papers) t.papers.push_back(static_cast<int>(p + 1));
    briefing.themes.push_back(std::move(t));
  }
  briefing.news.previous_papers = static_cast<int>(analysis.previous_count);
  briefing.news.rising_terms = analysis.rising_terms;
  RenderOptions render;
  render.lang = options.lang;
  briefing.text = render_markdown(analysis, papers, render);
  if (model != nullptr) briefing.llm.model = model->model();
  if (model == nullptr || !options.use_llm || papers.empty()) return briefing;

  Writer writer(analysis, papers, *model, options, events, briefing);
  if (std::optional<std::string> text = writer.run()) {
    briefing.text = std::move(*text);
    briefing.llm.used = true;
  }
  if (briefing.llm.estimated) {
    briefing.warnings.push_back({WarningKind::usage_estimated,
                                 "the endpoint reported no token usage: the counts are estimates"});
  }
  return briefing;
}

}  // namespace ah::brief
