// Every sentence the rendered briefing is made of, in English and Chinese, in one table, so a
// sentence cannot exist in one language only. fmt placeholders ({}) in the same order in both.
// Internal to src/brief. Pure; thread-safe.
#pragma once

#include <string_view>

#include "brief/render.h"

namespace ah::brief {

enum class Msg {
  title,       // {papers} {themes}
  overview,    // {papers} {themes}
  dates,       // {first} {last}
  categories,  // {list}
  sources,     // {list}
  themes_heading,
  theme_heading,     // {index} {label} {papers} {percent}
  field,             // {field}
  theme_categories,  // {list}
  venues,            // {list}
  key_papers,        // {list}
  all_papers,        // {list}
  no_label,
  bridges_heading,
  bridge_paper,         // {title} {n} {theme} {field} {other} {other_field}
  bridge_cross_listed,  // {field}
  bridge_terms,         // {theme} {other} {terms}
  no_bridges,
  new_heading,
  new_intro,     // {previous}
  rising_term,   // {term} {now} {before}
  rising_terms,  // {list}
  rising_theme,  // {index} {label} {now} {before}
  nothing_rising,
  notable_heading,
  followed_author,  // {detail}
  radar_top,        // {score}
  radar_reason,     // {reason}
  published,        // {detail}
  published_plain,
  retracted,
  withdrawn,
  corrected,
  concern,
  list_separator,
  sentence_end,
  count_of,  // {name} {count}: "cs.CV (12)"
};

std::string_view text(Msg msg, Lang lang);

}  // namespace ah::brief
