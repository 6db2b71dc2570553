// Text normalisation shared by every source: turns titles and abstracts "as published" into a
// display form (for the page) and a search form (for the full-text index). Pure; thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace ah::core {

// Display form: hard line wraps joined (paragraph breaks, i.e. a blank line or a newline followed
// by indentation in arXiv abstracts, kept as "\n"), runs of blanks collapsed, leading/trailing
// blanks trimmed; LaTeX accents (\'a, \"{o}, {\v c}, \ss, \o, ...) and common text macros (\&,
// \%, ``...'', --, ---, ~ outside math, {\it x}, \emph{x}, \textbf{x}) turned into Unicode/plain
// text; HTML/XML entities (&amp;, &quot;, &#233;, &#x3b1;) decoded. Anything between $...$ or
// $$...$$ or \(...\) is left as written for the page to render with KaTeX, except that a line break
// inside it becomes one space (so a formula never turns into a paragraph break). Input is UTF-8;
// invalid UTF-8 bytes are replaced with U+FFFD. Not idempotent: a bare "\n" in its own output reads
// as a hard wrap, so always derive the display form from the raw text.
std::string display_text(std::string_view raw);

// Search form of a display string: math segments reduced to their words (commands such as \alpha
// become "alpha", braces and operators dropped) so that "$\alpha$-stable" is found by "alpha
// stable"; everything else kept. Case and diacritics are left to the index's tokenizer.
std::string search_text(std::string_view display);

// Author name display form: LaTeX accents resolved, blanks collapsed ("Bal\\'azs" -> "Balázs").
std::string display_name(std::string_view raw);

// Normalises an arXiv date ("Mon, 2 Apr 2007 19:18:42 GMT", "2007-04-02T19:18:42Z",
// "2007-04-02", "2026-06-17T00:00:00-04:00") to ISO 8601 UTC "YYYY-MM-DDTHH:MM:SSZ" (or
// "YYYY-MM-DD" when only a day is given). Returns empty for text it cannot read.
std::string normalize_date(std::string_view text);

}  // namespace ah::core
