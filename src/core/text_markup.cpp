#include "core/text_markup.h"

#include <algorithm>
#include <array>
#include <cstring>

namespace ah::core::text_detail {

// --- UTF-8 -----------------------------------------------------------------------------------

void append_utf8(std::string& out, char32_t cp) {
  if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) cp = 0xFFFD;
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

std::size_t utf8_sequence_length(unsigned char lead) {
  if (lead >= 0xC2 && lead <= 0xDF) return 2;
  if (lead >= 0xE0 && lead <= 0xEF) return 3;
  if (lead >= 0xF0 && lead <= 0xF4) return 4;
  return 1;
}

namespace {

// Length of the well-formed sequence at s[i] (1..4), or 0 when it is ill-formed.
std::size_t valid_sequence(std::string_view s, std::size_t i) {
  auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = b(i);
  if (c < 0x80) return 1;
  std::size_t len = utf8_sequence_length(c);
  if (len == 1 || i + len > s.size()) return 0;
  unsigned char c1 = b(i + 1);
  // Second-byte ranges exclude overlongs (E0, F0), surrogates (ED) and > U+10FFFF (F4).
  unsigned char lo = 0x80, hi = 0xBF;
  if (c == 0xE0) lo = 0xA0;
  if (c == 0xED) hi = 0x9F;
  if (c == 0xF0) lo = 0x90;
  if (c == 0xF4) hi = 0x8F;
  if (c1 < lo || c1 > hi) return 0;
  for (std::size_t k = 2; k < len; ++k) {
    if ((b(i + k) & 0xC0) != 0x80) return 0;
  }
  return len;
}

}  // namespace

bool is_valid_utf8(std::string_view s) {
  std::size_t i = 0;
  const std::size_t n = s.size();
  while (i < n) {
    // ASCII fast path, eight bytes at a time.
    while (i + 8 <= n) {
      std::uint64_t w;
      std::memcpy(&w, s.data() + i, 8);
      if (w & 0x8080808080808080ULL) break;
      i += 8;
    }
    if (i >= n) break;
    std::size_t len = valid_sequence(s, i);
    if (len == 0) return false;
    i += len;
  }
  return true;
}

std::string sanitize_utf8(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 8);
  for (std::size_t i = 0; i < s.size();) {
    std::size_t len = valid_sequence(s, i);
    if (len == 0) {
      append_utf8(out, 0xFFFD);
      ++i;
    } else {
      out.append(s.substr(i, len));
      i += len;
    }
  }
  return out;
}

// --- LaTeX accents ---------------------------------------------------------------------------

namespace {

constexpr std::size_t kAccents = 13;

struct AccentRow {
  Accent accent;
  const char* bases;    // ASCII base letters
  const char32_t* cps;  // the precomposed letter for each base, same order
};

// Latin-1 Supplement, Latin Extended-A and -B letters that have a precomposed form.
constexpr AccentRow kAccentRows[] = {
    {Accent::acute, "AEIOUYaeiouyCcNnSsZzLlRrGg", U"ÁÉÍÓÚÝáéíóúýĆćŃńŚśŹźĹĺŔŕǴǵ"},
    {Accent::grave, "AEIOUaeiouNn", U"ÀÈÌÒÙàèìòùǸǹ"},
    {Accent::circumflex, "AEIOUaeiouCcGgHhJjSsWwYy", U"ÂÊÎÔÛâêîôûĈĉĜĝĤĥĴĵŜŝŴŵŶŷ"},
    {Accent::diaeresis, "AEIOUaeiouyY", U"ÄËÏÖÜäëïöüÿŸ"},
    {Accent::tilde, "ANOanoIiUu", U"ÃÑÕãñõĨĩŨũ"},
    {Accent::macron, "AaEeIiOoUu", U"ĀāĒēĪīŌōŪū"},
    {Accent::dot, "CcEeGgIZz", U"ĊċĖėĠġİŻż"},
    {Accent::breve, "AaEeGgIiOoUu", U"ĂăĔĕĞğĬĭŎŏŬŭ"},
    {Accent::caron, "CcDdEeNnRrSsTtZzAaIiOoUuGgKkLl", U"ČčĎďĚěŇňŘřŠšŤťŽžǍǎǏǐǑǒǓǔǦǧǨǩĽľ"},
    {Accent::double_acute, "OoUu", U"ŐőŰű"},
    {Accent::cedilla, "CcSsTtGgKkLlNnRrEe", U"ÇçŞşŢţĢģĶķĻļŅņŖŗȨȩ"},
    {Accent::ogonek, "AaEeIiUuOo", U"ĄąĘęĮįŲųǪǫ"},
    {Accent::ring, "AaUu", U"ÅåŮů"},
};

constexpr bool accent_rows_consistent() {
  for (const AccentRow& row : kAccentRows) {
    std::size_t bases = 0, cps = 0;
    while (row.bases[bases] != '\0') ++bases;
    while (row.cps[cps] != 0) ++cps;
    if (bases != cps) return false;
  }
  return true;
}
static_assert(accent_rows_consistent(), "every base letter needs its precomposed letter");

using AccentTable = std::array<std::array<char32_t, 128>, kAccents>;

constexpr AccentTable make_accent_table() {
  AccentTable t{};
  for (const AccentRow& row : kAccentRows) {
    for (std::size_t k = 0; row.bases[k] != '\0'; ++k) {
      t[static_cast<std::size_t>(row.accent)][static_cast<unsigned char>(row.bases[k])] =
          row.cps[k];
    }
  }
  return t;
}

constexpr AccentTable kAccentTable = make_accent_table();

constexpr char32_t kCombining[kAccents] = {0x301, 0x300, 0x302, 0x308, 0x303, 0x304, 0x307,
                                           0x306, 0x30C, 0x30B, 0x327, 0x328, 0x30A};
constexpr char32_t kSpacing[kAccents] = {U'\'', U'`', U'^', U'"', U'~', U'=', U'.',
                                         0,     0,    0,    0,    0,    0};

}  // namespace

std::optional<Accent> symbol_accent(char c) {
  switch (c) {
    case '\'':
      return Accent::acute;
    case '`':
      return Accent::grave;
    case '^':
      return Accent::circumflex;
    case '"':
      return Accent::diaeresis;
    case '~':
      return Accent::tilde;
    case '=':
      return Accent::macron;
    case '.':
      return Accent::dot;
    default:
      return std::nullopt;
  }
}

char32_t compose_accent(Accent a, char32_t base) {
  if (base >= 128) return 0;
  return kAccentTable[static_cast<std::size_t>(a)][base];
}

char32_t combining_mark(Accent a) { return kCombining[static_cast<std::size_t>(a)]; }
char32_t spacing_accent(Accent a) { return kSpacing[static_cast<std::size_t>(a)]; }

// --- Text-mode commands ----------------------------------------------------------------------

namespace {

struct CommandEntry {
  std::string_view name;
  Command command;
};

constexpr Command accent_cmd(Accent a) { return {CommandKind::accent, a, 0, {}}; }
constexpr Command letter(char32_t cp) { return {CommandKind::letter, Accent::acute, cp, {}}; }
constexpr Command symbol(std::string_view text) {
  return {CommandKind::symbol, Accent::acute, 0, text};
}
constexpr Command kind(CommandKind k) { return {k, Accent::acute, 0, {}}; }

// Sorted by name (byte order) for binary search; checked by the static_assert below.
constexpr CommandEntry kCommands[] = {
    {"AA", letter(U'Å')},
    {"AE", letter(U'Æ')},
    {"H", accent_cmd(Accent::double_acute)},
    {"L", letter(U'Ł')},
    {"LaTeX", symbol("LaTeX")},
    {"O", letter(U'Ø')},
    {"OE", letter(U'Œ')},
    {"P", symbol("¶")},
    {"S", symbol("§")},
    {"TeX", symbol("TeX")},
    {"aa", letter(U'å')},
    {"ae", letter(U'æ')},
    {"bf", kind(CommandKind::font_switch)},
    {"bfseries", kind(CommandKind::font_switch)},
    {"c", accent_cmd(Accent::cedilla)},
    {"color", kind(CommandKind::skip_arg_then_unwrap)},
    {"copyright", symbol("©")},
    {"dag", symbol("†")},
    {"ddag", symbol("‡")},
    {"deg", symbol("°")},
    {"dots", symbol("…")},
    {"em", kind(CommandKind::font_switch)},
    {"emph", kind(CommandKind::unwrap)},
    {"euro", symbol("€")},
    {"footnotesize", kind(CommandKind::font_switch)},
    {"hbox", kind(CommandKind::unwrap)},
    {"href", kind(CommandKind::href)},
    {"huge", kind(CommandKind::font_switch)},
    {"i", letter(U'ı')},
    {"it", kind(CommandKind::font_switch)},
    {"itshape", kind(CommandKind::font_switch)},
    {"j", letter(U'ȷ')},
    {"k", accent_cmd(Accent::ogonek)},
    {"l", letter(U'ł')},
    {"large", kind(CommandKind::font_switch)},
    {"ldots", symbol("…")},
    {"linebreak", kind(CommandKind::space)},
    {"mbox", kind(CommandKind::unwrap)},
    {"mdseries", kind(CommandKind::font_switch)},
    {"newline", kind(CommandKind::space)},
    {"noindent", kind(CommandKind::font_switch)},
    {"normalfont", kind(CommandKind::font_switch)},
    {"normalsize", kind(CommandKind::font_switch)},
    {"o", letter(U'ø')},
    {"oe", letter(U'œ')},
    {"par", kind(CommandKind::par)},
    {"pounds", symbol("£")},
    {"qquad", kind(CommandKind::space)},
    {"quad", kind(CommandKind::space)},
    {"r", accent_cmd(Accent::ring)},
    {"rm", kind(CommandKind::font_switch)},
    {"rmfamily", kind(CommandKind::font_switch)},
    {"sc", kind(CommandKind::font_switch)},
    {"scshape", kind(CommandKind::font_switch)},
    {"sf", kind(CommandKind::font_switch)},
    {"sffamily", kind(CommandKind::font_switch)},
    {"sl", kind(CommandKind::font_switch)},
    {"slash", symbol("/")},
    {"small", kind(CommandKind::font_switch)},
    {"ss", letter(U'ß')},
    {"text", kind(CommandKind::unwrap)},
    {"textasciicircum", symbol("^")},
    {"textasciitilde", symbol("~")},
    {"textbackslash", symbol("\\")},
    {"textbf", kind(CommandKind::unwrap)},
    {"textcolor", kind(CommandKind::skip_arg_then_unwrap)},
    {"textdegree", symbol("°")},
    {"textemdash", symbol("—")},
    {"textendash", symbol("–")},
    {"textit", kind(CommandKind::unwrap)},
    {"textmd", kind(CommandKind::unwrap)},
    {"textnormal", kind(CommandKind::unwrap)},
    {"textquotedblleft", symbol("“")},
    {"textquotedblright", symbol("”")},
    {"textquoteleft", symbol("‘")},
    {"textquoteright", symbol("’")},
    {"textrm", kind(CommandKind::unwrap)},
    {"textsc", kind(CommandKind::unwrap)},
    {"textsf", kind(CommandKind::unwrap)},
    {"textsl", kind(CommandKind::unwrap)},
    {"texttt", kind(CommandKind::unwrap)},
    {"textup", kind(CommandKind::unwrap)},
    {"tiny", kind(CommandKind::font_switch)},
    {"tt", kind(CommandKind::font_switch)},
    {"ttfamily", kind(CommandKind::font_switch)},
    {"u", accent_cmd(Accent::breve)},
    {"uline", kind(CommandKind::unwrap)},
    {"underline", kind(CommandKind::unwrap)},
    {"upshape", kind(CommandKind::font_switch)},
    {"url", kind(CommandKind::verbatim_arg)},
    {"v", accent_cmd(Accent::caron)},
};

constexpr bool commands_sorted() {
  for (std::size_t k = 1; k < std::size(kCommands); ++k) {
    if (!(kCommands[k - 1].name < kCommands[k].name)) return false;
  }
  return true;
}
static_assert(commands_sorted(), "kCommands must be sorted by name");

}  // namespace

Command lookup_command(std::string_view name) {
  auto it = std::lower_bound(std::begin(kCommands), std::end(kCommands), name,
                             [](const CommandEntry& e, std::string_view n) { return e.name < n; });
  if (it != std::end(kCommands) && it->name == name) return it->command;
  return Command{};
}

// --- Entities --------------------------------------------------------------------------------

namespace {

struct EntityEntry {
  std::string_view name;
  char32_t cp;
};

// HTML named entities seen in scholarly metadata; sorted by name (byte order).
constexpr EntityEntry kEntities[] = {
    {"AElig", U'Æ'},   {"Aacute", U'Á'}, {"Agrave", U'À'}, {"Alpha", U'Α'},  {"Aring", U'Å'},
    {"Auml", U'Ä'},    {"Beta", U'Β'},   {"Ccedil", U'Ç'}, {"Delta", U'Δ'},  {"Eacute", U'É'},
    {"Gamma", U'Γ'},   {"Iacute", U'Í'}, {"Lambda", U'Λ'}, {"Ntilde", U'Ñ'}, {"Oacute", U'Ó'},
    {"Omega", U'Ω'},   {"Oslash", U'Ø'}, {"Ouml", U'Ö'},   {"Phi", U'Φ'},    {"Pi", U'Π'},
    {"Psi", U'Ψ'},     {"Sigma", U'Σ'},  {"Theta", U'Θ'},  {"Uacute", U'Ú'}, {"Uuml", U'Ü'},
    {"aacute", U'á'},  {"acirc", U'â'},  {"aelig", U'æ'},  {"agrave", U'à'}, {"alpha", U'α'},
    {"amp", U'&'},     {"apos", U'\''},  {"aring", U'å'},  {"atilde", U'ã'}, {"auml", U'ä'},
    {"beta", U'β'},    {"bull", U'•'},   {"ccedil", U'ç'}, {"chi", U'χ'},    {"copy", U'©'},
    {"deg", U'°'},     {"delta", U'δ'},  {"eacute", U'é'}, {"ecirc", U'ê'},  {"egrave", U'è'},
    {"epsilon", U'ε'}, {"eta", U'η'},    {"euml", U'ë'},   {"gamma", U'γ'},  {"ge", U'≥'},
    {"gt", U'>'},      {"hellip", U'…'}, {"iacute", U'í'}, {"icirc", U'î'},  {"iuml", U'ï'},
    {"kappa", U'κ'},   {"lambda", U'λ'}, {"laquo", U'«'},  {"ldquo", U'“'},  {"le", U'≤'},
    {"lsquo", U'‘'},   {"lt", U'<'},     {"mdash", U'—'},  {"micro", U'µ'},  {"middot", U'·'},
    {"minus", U'−'},   {"mu", U'μ'},     {"nbsp", 0xA0},   {"ndash", U'–'},  {"ntilde", U'ñ'},
    {"nu", U'ν'},      {"oacute", U'ó'}, {"ocirc", U'ô'},  {"omega", U'ω'},  {"oslash", U'ø'},
    {"otilde", U'õ'},  {"ouml", U'ö'},   {"phi", U'φ'},    {"pi", U'π'},     {"plusmn", U'±'},
    {"psi", U'ψ'},     {"quot", U'"'},   {"raquo", U'»'},  {"rdquo", U'”'},  {"reg", U'®'},
    {"rho", U'ρ'},     {"rsquo", U'’'},  {"sigma", U'σ'},  {"szlig", U'ß'},  {"tau", U'τ'},
    {"theta", U'θ'},   {"times", U'×'},  {"trade", U'™'},  {"uacute", U'ú'}, {"ucirc", U'û'},
    {"ugrave", U'ù'},  {"uuml", U'ü'},   {"xi", U'ξ'},     {"yacute", U'ý'}, {"zeta", U'ζ'},
};

constexpr bool entities_sorted() {
  for (std::size_t k = 1; k < std::size(kEntities); ++k) {
    if (!(kEntities[k - 1].name < kEntities[k].name)) return false;
  }
  return true;
}
static_assert(entities_sorted(), "kEntities must be sorted by name");

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::size_t decode_entity(std::string_view s, char32_t& cp) {
  if (s.size() < 3 || s[0] != '&') return 0;
  if (s[1] == '#') {
    bool hex = s.size() > 2 && (s[2] == 'x' || s[2] == 'X');
    std::size_t k = hex ? 3 : 2;
    std::uint32_t value = 0;
    std::size_t digits = 0;
    for (; k < s.size() && digits <= 8; ++k, ++digits) {
      int d = hex ? hex_value(s[k]) : (s[k] >= '0' && s[k] <= '9' ? s[k] - '0' : -1);
      if (d < 0) break;
      value = value * (hex ? 16 : 10) + static_cast<std::uint32_t>(d);
    }
    if (digits == 0 || digits > 8 || k >= s.size() || s[k] != ';') return 0;
    if (value == 0 || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) value = 0xFFFD;
    cp = value;
    return k + 1;
  }
  std::size_t semi = s.find(';', 1);
  if (semi == std::string_view::npos || semi > 10) return 0;
  std::string_view name = s.substr(1, semi - 1);
  auto it = std::lower_bound(std::begin(kEntities), std::end(kEntities), name,
                             [](const EntityEntry& e, std::string_view n) { return e.name < n; });
  if (it == std::end(kEntities) || it->name != name) return 0;
  cp = it->cp;
  return semi + 1;
}

}  // namespace ah::core::text_detail
