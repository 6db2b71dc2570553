// The analysis as a Markdown briefing people can read with no LLM, in Chinese or English (both
// languages' sentences in one table, render_strings.cpp), citing papers as [n] where n is the
// paper's place in the set (1-based). Also the scaffold the LLM's prompt carries. Pure;
// thread-safe.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "brief/analysis.h"
#include "core/paper.h"

namespace ah::brief {

enum class Lang { en, zh };
std::string_view to_string(Lang lang);  // "en", "zh"
// "en" or "zh" (also "zh-CN", "zh-Hans", "cn", "chinese", "english", any case); nullopt else.
std::optional<Lang> parse_lang(std::string_view text);

struct RenderOptions {
  Lang lang = Lang::en;
  // List every paper of each theme (the page's briefing); off for the LLM's scaffold, whose
  // prompt lists the papers itself.
  bool list_all_papers = true;
  std::size_t key_papers = 3;  // papers named with their titles per theme
};

// Sections: a title and overview (papers, themes, dates, categories, sources), one section per
// theme (label, size, field, categories, venues, key papers, all papers), where fields meet
// (bridge papers and shared terms), what is new (only when the analysis had a previous period),
// notable papers. Every [n] is a paper of `papers` (1..papers.size()).
std::string render_markdown(const Analysis& analysis, std::span<const core::Paper> papers,
                            const RenderOptions& options);

// The theme's label as shown: its label, or "(no distinctive words)" in the language.
std::string theme_label(const Theme& theme, Lang lang);

}  // namespace ah::brief
