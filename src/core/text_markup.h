// Internal tables behind core/text.h (not a public interface): UTF-8 helpers, LaTeX accents and
// text-mode commands, HTML/XML entities. Pure functions over constant tables; thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ah::core::text_detail {

// --- UTF-8 -----------------------------------------------------------------------------------

// Appends the UTF-8 encoding of `cp`; surrogates and values above U+10FFFF become U+FFFD.
void append_utf8(std::string& out, char32_t cp);

// Length of the sequence a lead byte announces (2..4), or 1 for ASCII and invalid lead bytes.
std::size_t utf8_sequence_length(unsigned char lead);

// True when `s` is well-formed UTF-8 (no overlongs, surrogates or values above U+10FFFF).
bool is_valid_utf8(std::string_view s);

// Copy of `s` with every ill-formed sequence replaced by U+FFFD.
std::string sanitize_utf8(std::string_view s);

// --- LaTeX accents ---------------------------------------------------------------------------

enum class Accent : std::uint8_t {
  acute,         // \'
  grave,         // \`
  circumflex,    // \^
  diaeresis,     // \"
  tilde,         // \~
  macron,        // \=
  dot,           // \.
  breve,         // \u
  caron,         // \v
  double_acute,  // \H
  cedilla,       // \c
  ogonek,        // \k
  ring,          // \r
};

// The accent a control symbol names (\' \` \^ \" \~ \= \.), or nullopt.
std::optional<Accent> symbol_accent(char c);

// The precomposed letter for accent + base (acute + 'a' = 'á'; base 'i'/'j' stands for the
// dotless \i/\j too), or 0 when Unicode has none in the table.
char32_t compose_accent(Accent a, char32_t base);

// The combining mark (U+0300..U+036F) for an accent, used when no precomposed letter exists.
char32_t combining_mark(Accent a);

// What to print for an accent without a base letter ("\'" at the end of a text), or 0.
char32_t spacing_accent(Accent a);

// --- Text-mode commands ----------------------------------------------------------------------

enum class CommandKind : std::uint8_t {
  unknown,               // kept as written
  accent,                // \u \v \H \c \k \r: `accent` applies to the next argument
  letter,                // \ss \o \aa \ae \l \i ...: `cp`, eats the blanks after it
  symbol,                // \ldots \LaTeX \deg ...: `text`
  font_switch,           // \it \bf \em ...: dropped
  unwrap,                // \emph \textbf \textit ...: dropped, the argument's text kept
  par,                   // \par: paragraph break
  space,                 // \newline \quad ...: one blank
  verbatim_arg,          // \url{x}: x as written
  skip_arg_then_unwrap,  // \textcolor{c}{x}, \color{c}: the first argument dropped
  href,                  // \href{url}{text}
};

struct Command {
  CommandKind kind = CommandKind::unknown;
  Accent accent = Accent::acute;
  char32_t cp = 0;
  std::string_view text;
};

// The meaning of control word `name` (without the backslash) in text mode.
Command lookup_command(std::string_view name);

// --- Entities --------------------------------------------------------------------------------

// Decodes the entity at the start of `s` ("&amp;", "&#233;", "&#x3b1;", "&eacute;") into `cp` and
// returns its length including ';', or 0 when `s` does not start with a known entity.
std::size_t decode_entity(std::string_view s, char32_t& cp);

}  // namespace ah::core::text_detail
