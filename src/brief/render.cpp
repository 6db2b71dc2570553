#include "brief/render.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>

#include "brief/render_strings.h"

namespace ah::brief {
namespace {

constexpr std::size_t kListedCounts = 5;  // categories, venues, sources shown per list

template <typename... Args>
std::string say(Lang lang, Msg msg, Args&&... args) {
  return fmt::format(fmt::runtime(text(msg, lang)), std::forward<Args>(args)...);
}

std::string counts(Lang lang, const std::vector<Count>& list) {
  std::string out;
  for (std::size_t i = 0; i < list.size() && i < kListedCounts; ++i) {
    if (i > 0) out += text(Msg::list_separator, lang);
    out += say(lang, Msg::count_of, list[i].name, list[i].count);
  }
  return out;
}

std::string cite(std::size_t paper) { return fmt::format("[{}]", paper + 1); }

// A title on one line, Markdown's emphasis characters made harmless.
std::string title_of(const core::Paper& paper) {
  std::string title = paper_title(paper);
  for (char& c : title) {
    if (c == '\n' || c == '\r') c = ' ';
    if (c == '*' || c == '_') c = ' ';
  }
  return title;
}

void overview(const Analysis& a, Lang lang, std::string& out) {
  out += say(lang, Msg::title, a.paper_count, a.themes.size()) + "\n\n";
  out += say(lang, Msg::overview, a.paper_count, a.themes.size());
  if (!a.first_date.empty()) out += say(lang, Msg::dates, a.first_date, a.last_date);
  out += "\n";
  if (!a.categories.empty()) out += say(lang, Msg::categories, counts(lang, a.categories));
  if (!a.sources.empty()) out += say(lang, Msg::sources, counts(lang, a.sources));
  out += "\n\n";
}

void themes(const Analysis& a, std::span<const core::Paper> papers, const RenderOptions& o,
            std::string& out) {
  const Lang lang = o.lang;
  out += std::string(text(Msg::themes_heading, lang)) + "\n\n";
  for (std::size_t t = 0; t < a.themes.size(); ++t) {
    const Theme& theme = a.themes[t];
    const auto percent = static_cast<int>(std::lround(
        100.0 * static_cast<double>(theme.papers.size()) / static_cast<double>(a.paper_count)));
    out += say(lang, Msg::theme_heading, t + 1, theme_label(theme, lang), theme.papers.size(),
               percent) +
           "\n\n";
    if (!theme.field.empty()) out += say(lang, Msg::field, theme.field) + "\n";
    if (!theme.categories.empty()) {
      out += say(lang, Msg::theme_categories, counts(lang, theme.categories)) + "\n";
    }
    if (!theme.venues.empty()) out += say(lang, Msg::venues, counts(lang, theme.venues)) + "\n";
    std::string key;
    for (std::size_t i = 0; i < theme.papers.size() && i < o.key_papers; ++i) {
      if (i > 0) key += "; ";
      key += "*" + title_of(papers[theme.papers[i]]) + "* " + cite(theme.papers[i]);
    }
    out += say(lang, Msg::key_papers, key) + "\n";
    if (o.list_all_papers) {
      std::vector<std::size_t> sorted = theme.papers;
      std::sort(sorted.begin(), sorted.end());
      std::string all;
      for (std::size_t p : sorted) all += cite(p);
      out += say(lang, Msg::all_papers, all) + "\n";
    }
    out += "\n";
  }
}

void bridges(const Analysis& a, std::span<const core::Paper> papers, Lang lang, std::string& out) {
  out += std::string(text(Msg::bridges_heading, lang)) + "\n\n";
  if (a.bridge_papers.empty() && a.bridge_terms.empty()) {
    out += std::string(text(Msg::no_bridges, lang)) + "\n\n";
    return;
  }
  for (const BridgePaper& b : a.bridge_papers) {
    const Theme& own = a.themes[b.theme];
    const Theme& other = a.themes[b.other_theme];
    out += say(lang, Msg::bridge_paper, title_of(papers[b.paper]), cite(b.paper), b.theme + 1,
               own.field, b.other_theme + 1, other.field);
    if (b.cross_listed) out += say(lang, Msg::bridge_cross_listed, other.field);
    out += std::string(text(Msg::sentence_end, lang)) + "\n";
  }
  for (const BridgeTerms& b : a.bridge_terms) {
    std::string terms;
    for (std::size_t i = 0; i < b.terms.size(); ++i) {
      if (i > 0) terms += text(Msg::list_separator, lang);
      terms += b.terms[i];
    }
    out += say(lang, Msg::bridge_terms, b.theme + 1, b.other_theme + 1, terms) + "\n";
  }
  out += "\n";
}

void rising(const Analysis& a, Lang lang, std::string& out) {
  if (a.previous_count == 0) return;
  out += std::string(text(Msg::new_heading, lang)) + "\n\n";
  out += say(lang, Msg::new_intro, a.previous_count) + "\n\n";
  if (a.rising_terms.empty() && a.rising_themes.empty()) {
    out += std::string(text(Msg::nothing_rising, lang)) + "\n\n";
    return;
  }
  if (!a.rising_terms.empty()) {
    std::string list;
    for (std::size_t i = 0; i < a.rising_terms.size(); ++i) {
      if (i > 0) list += text(Msg::list_separator, lang);
      const RisingTerm& r = a.rising_terms[i];
      list += say(lang, Msg::rising_term, r.term, r.now, r.before);
    }
    out += say(lang, Msg::rising_terms, list) + "\n";
  }
  for (const RisingTheme& r : a.rising_themes) {
    out += say(lang, Msg::rising_theme, r.theme + 1, theme_label(a.themes[r.theme], lang), r.now,
               r.before) +
           "\n";
  }
  out += "\n";
}

std::string notable_reason(const NotablePaper& n, Lang lang) {
  switch (n.kind) {
    case NotableKind::followed_author:
      return say(lang, Msg::followed_author, n.detail);
    case NotableKind::radar_top: {
      std::string s = say(lang, Msg::radar_top, fmt::format("{:.2f}", n.score));
      if (!n.detail.empty()) s += say(lang, Msg::radar_reason, n.detail);
      return s;
    }
    case NotableKind::published:
      return n.detail.empty() ? std::string(text(Msg::published_plain, lang))
                              : say(lang, Msg::published, n.detail);
    case NotableKind::retracted:
      return std::string(text(Msg::retracted, lang));
    case NotableKind::withdrawn:
      return std::string(text(Msg::withdrawn, lang));
    case NotableKind::corrected:
      return std::string(text(Msg::corrected, lang));
    case NotableKind::concern:
      return std::string(text(Msg::concern, lang));
  }
  return {};
}

void notable(const Analysis& a, std::span<const core::Paper> papers, Lang lang, std::string& out) {
  if (a.notable.empty()) return;
  out += std::string(text(Msg::notable_heading, lang)) + "\n\n";
  for (const NotablePaper& n : a.notable) {
    std::string reason = notable_reason(n, lang);
    if (lang == Lang::en && !reason.empty()) {
      reason[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(reason[0])));
    }
    out += "- " + reason + (lang == Lang::zh ? "：" : ": ") + "*" + title_of(papers[n.paper]) +
           "* " + cite(n.paper) + "\n";
  }
  out += "\n";
}

}  // namespace

std::string_view to_string(Lang lang) { return lang == Lang::zh ? "zh" : "en"; }

std::optional<Lang> parse_lang(std::string_view text) {
  std::string lower;
  for (char c : text) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower == "en" || lower.starts_with("en-") || lower == "english") return Lang::en;
  if (lower == "zh" || lower.starts_with("zh-") || lower == "cn" || lower == "chinese") {
    return Lang::zh;
  }
  return std::nullopt;
}

std::string theme_label(const Theme& theme, Lang lang) {
  return theme.label.empty() ? std::string(text(Msg::no_label, lang)) : theme.label;
}

std::string render_markdown(const Analysis& analysis, std::span<const core::Paper> papers,
                            const RenderOptions& options) {
  std::string out;
  overview(analysis, options.lang, out);
  if (analysis.paper_count > 0) {
    themes(analysis, papers, options, out);
    bridges(analysis, papers, options.lang, out);
    rising(analysis, options.lang, out);
    notable(analysis, papers, options.lang, out);
  }
  while (out.ends_with("\n")) out.pop_back();
  return out;
}

}  // namespace ah::brief
