// Reading and validating catalogue entries. Every entry, from the file, the API or the command
// line, goes through entry_from_table, so one set of rules holds everywhere. toml++ throws on
// syntax errors (it is built with exceptions here); that is caught at this edge.
#include "catalogue/catalogue.h"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <nlohmann/json.hpp>

#include "catalogue/issn.h"
#include "core/calendar.h"
#include "net/url.h"

namespace ah::catalogue {
namespace {

using std::chrono::seconds;

constexpr std::string_view kCommonKeys[] = {"name",  "kind", "title", "enabled",
                                            "every", "at",   "since"};
constexpr std::string_view kArxivKeys[] = {"sets", "method"};
constexpr std::string_view kCrossrefKeys[] = {"issns"};
constexpr std::string_view kPubmedKeys[] = {"term"};
constexpr std::string_view kOpenalexKeys[] = {"source_id"};
constexpr std::string_view kBiorxivKeys[] = {"server"};
constexpr std::string_view kFeedKeys[] = {"url", "venue"};

std::span<const std::string_view> kind_keys(Kind kind) {
  switch (kind) {
    case Kind::arxiv:
      return kArxivKeys;
    case Kind::crossref:
      return kCrossrefKeys;
    case Kind::pubmed:
      return kPubmedKeys;
    case Kind::openalex:
      return kOpenalexKeys;
    case Kind::biorxiv:
      return kBiorxivKeys;
    case Kind::feed:
      return kFeedKeys;
  }
  return {};
}

constexpr std::size_t kMaxName = 64;
constexpr std::size_t kMaxText = 1000;  // titles, terms, venues, URLs
constexpr std::size_t kMaxList = 100;   // sets, ISSNs

int line_of(const toml::source_region& region) { return static_cast<int>(region.begin.line); }

// Where a message points: the file and line when known, and which source it is about.
class Context {
 public:
  Context(std::string_view file, int line) : file_(file), line_(line) {}
  void name_source(std::string name) { source_ = "source '" + name + "'"; }
  void number_source(std::size_t n) { source_ = fmt::format("source #{}", n); }

  std::unexpected<Error> error(int line, std::string_view key, std::string_view why) const {
    std::string where;
    const int at = line > 0 ? line : line_;
    if (!file_.empty())
      where = at > 0 ? fmt::format("{}:{}: ", file_, at) : fmt::format("{}: ", file_);
    std::string what = source_.empty() ? "source" : source_;
    if (!key.empty()) what += fmt::format(": key '{}'", key);
    return fail(ErrorCode::invalid_argument, fmt::format("{}{}: {}", where, what, why));
  }

 private:
  std::string_view file_;
  int line_;
  std::string source_;
};

std::string quoted_list(std::span<const std::string_view> items) {
  std::string out;
  for (std::string_view s : items) out += (out.empty() ? "" : ", ") + std::string(s);
  return out;
}

// A string value of `t`, absent -> nullopt. Errors: a value that is not a non-empty string of at
// most kMaxText bytes.
Result<std::optional<std::string>> get_string(const toml::table& t, std::string_view key,
                                              const Context& ctx) {
  const toml::node* node = t.get(key);
  if (!node) return std::optional<std::string>();
  const auto* s = node->as_string();
  if (!s) return ctx.error(line_of(node->source()), key, "expected a string");
  const std::string& v = s->get();
  if (v.empty()) return ctx.error(line_of(node->source()), key, "must not be empty");
  if (v.size() > kMaxText) {
    return ctx.error(line_of(node->source()), key, fmt::format("longer than {} bytes", kMaxText));
  }
  return std::optional<std::string>(v);
}

Result<std::string> require_string(const toml::table& t, std::string_view key, const Context& ctx) {
  auto v = get_string(t, key, ctx);
  if (!v) return std::unexpected(v.error());
  if (!*v) return ctx.error(0, key, "missing (required for this kind)");
  return **v;
}

// A non-empty array of non-empty strings. Errors name the element at fault.
Result<std::vector<std::string>> require_strings(const toml::table& t, std::string_view key,
                                                 const Context& ctx) {
  const toml::node* node = t.get(key);
  if (!node) return ctx.error(0, key, "missing (required for this kind)");
  const auto* arr = node->as_array();
  const int line = line_of(node->source());
  if (!arr) return ctx.error(line, key, "expected an array of strings");
  if (arr->empty()) return ctx.error(line, key, "must not be empty");
  if (arr->size() > kMaxList) return ctx.error(line, key, fmt::format("more than {}", kMaxList));
  std::vector<std::string> out;
  for (std::size_t i = 0; i < arr->size(); ++i) {
    const auto* s = (*arr)[i].as_string();
    if (!s || s->get().empty() || s->get().size() > kMaxText) {
      return ctx.error(line, key, fmt::format("element {} is not a non-empty string", i + 1));
    }
    out.push_back(s->get());
  }
  return out;
}

bool valid_name(std::string_view name) {
  if (name.empty() || name.size() > kMaxName) return false;
  auto ok = [](char c, bool first) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
           (!first && (c == '.' || c == '_' || c == '-'));
  };
  for (std::size_t i = 0; i < name.size(); ++i) {
    if (!ok(name[i], i == 0)) return false;
  }
  return true;
}

// An arXiv set or category: letters, digits, '-', '.', and ':' for OAI-PMH sets.
bool valid_arxiv_set(std::string_view s, ArxivMethod method) {
  if (s.empty() || s.size() > 64) return false;
  for (char c : s) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '.' || (c == ':' && method == ArxivMethod::oai);
    if (!ok) return false;
  }
  return true;
}

Result<Params> read_params(const toml::table& t, Kind kind, const Context& ctx) {
  switch (kind) {
    case Kind::arxiv: {
      ArxivParams p;
      auto method = get_string(t, "method", ctx);
      if (!method) return std::unexpected(method.error());
      if (*method) {
        if (**method == "oai") {
          p.method = ArxivMethod::oai;
        } else if (**method != "rss") {
          return ctx.error(line_of(t.get("method")->source()), "method",
                           fmt::format("expected \"rss\" or \"oai\", got \"{}\"", **method));
        }
      }
      auto sets = require_strings(t, "sets", ctx);
      if (!sets) return std::unexpected(sets.error());
      for (const std::string& s : *sets) {
        if (!valid_arxiv_set(s, p.method)) {
          return ctx.error(
              line_of(t.get("sets")->source()), "sets",
              p.method == ArxivMethod::rss && s.find(':') != std::string::npos
                  ? fmt::format("\"{}\" is an OAI-PMH set; the RSS feed names archives and "
                                "categories (\"hep-th\", \"cs.CL\"), or set method = \"oai\"",
                                s)
                  : fmt::format("\"{}\" is not an arXiv set or category", s));
        }
      }
      p.sets = std::move(*sets);
      return p;
    }
    case Kind::crossref: {
      CrossrefParams p;
      auto issns = require_strings(t, "issns", ctx);
      if (!issns) return std::unexpected(issns.error());
      for (const std::string& s : *issns) {
        auto issn = normalize_issn(s);
        if (!issn) {
          return ctx.error(line_of(t.get("issns")->source()), "issns",
                           fmt::format("\"{}\" is not an ISSN (NNNN-NNNC with a correct check "
                                       "digit)",
                                       s));
        }
        if (std::find(p.issns.begin(), p.issns.end(), *issn) != p.issns.end()) {
          return ctx.error(line_of(t.get("issns")->source()), "issns",
                           fmt::format("{} is listed twice", *issn));
        }
        p.issns.push_back(*issn);
      }
      return p;
    }
    case Kind::pubmed: {
      auto term = require_string(t, "term", ctx);
      if (!term) return std::unexpected(term.error());
      return PubmedParams{*term};
    }
    case Kind::openalex: {
      auto id = require_string(t, "source_id", ctx);
      if (!id) return std::unexpected(id.error());
      std::string v = *id;
      if (v.starts_with("https://openalex.org/")) v = v.substr(21);
      if (!v.empty() && v[0] == 's') v[0] = 'S';
      const bool ok =
          v.size() >= 2 && v[0] == 'S' &&
          std::all_of(v.begin() + 1, v.end(), [](char c) { return c >= '0' && c <= '9'; });
      if (!ok) {
        return ctx.error(line_of(t.get("source_id")->source()), "source_id",
                         fmt::format("expected an OpenAlex source id such as \"S137773608\", got "
                                     "\"{}\"",
                                     *id));
      }
      return OpenalexParams{v};
    }
    case Kind::biorxiv: {
      auto server = require_string(t, "server", ctx);
      if (!server) return std::unexpected(server.error());
      if (*server != "biorxiv" && *server != "medrxiv") {
        return ctx.error(line_of(t.get("server")->source()), "server",
                         fmt::format("expected \"biorxiv\" or \"medrxiv\", got \"{}\"", *server));
      }
      return BiorxivParams{*server};
    }
    case Kind::feed: {
      auto url = require_string(t, "url", ctx);
      if (!url) return std::unexpected(url.error());
      auto host = net::parse_url_host(*url);
      if (!host || (host->scheme != "http" && host->scheme != "https")) {
        return ctx.error(
            line_of(t.get("url")->source()), "url",
            fmt::format("expected an http or https URL, got \"{}\"", net::redact_url(*url)));
      }
      auto venue = require_string(t, "venue", ctx);
      if (!venue) return std::unexpected(venue.error());
      return FeedParams{*url, *venue};
    }
  }
  return ctx.error(0, "kind", "unknown kind");
}

// The rules, once: every entry passes here.
Result<SourceEntry> entry_from_table(const toml::table& t, std::string_view file,
                                     std::size_t number) {
  SourceEntry e;
  e.line = line_of(t.source());
  Context ctx(file, e.line);
  ctx.number_source(number);

  auto name = get_string(t, "name", ctx);
  if (!name) return std::unexpected(name.error());
  if (!*name) return ctx.error(0, "name", "missing (every source needs a unique name)");
  if (!valid_name(**name)) {
    return ctx.error(line_of(t.get("name")->source()), "name",
                     fmt::format("\"{}\" is not a name: lower-case letters, digits, '.', '_' "
                                 "and '-', starting with a letter or digit, at most {} "
                                 "characters",
                                 **name, kMaxName));
  }
  e.name = **name;
  ctx.name_source(e.name);

  auto kind_text = get_string(t, "kind", ctx);
  if (!kind_text) return std::unexpected(kind_text.error());
  if (!*kind_text) return ctx.error(0, "kind", "missing");
  std::string kinds;
  for (Kind k : all_kinds()) kinds += (kinds.empty() ? "" : ", ") + std::string(to_string(k));
  auto kind = parse_kind(**kind_text);
  if (!kind) {
    return ctx.error(line_of(t.get("kind")->source()), "kind",
                     fmt::format("expected one of {}, got \"{}\"", kinds, **kind_text));
  }
  e.kind = *kind;

  for (auto&& [key, value] : t) {
    const std::string_view k = key.str();
    const auto own = kind_keys(e.kind);
    if (std::find(std::begin(kCommonKeys), std::end(kCommonKeys), k) == std::end(kCommonKeys) &&
        std::find(own.begin(), own.end(), k) == own.end()) {
      return ctx.error(line_of(key.source()), k,
                       fmt::format("unknown for kind {} (its keys: {}; every kind: {})",
                                   to_string(e.kind), quoted_list(own), quoted_list(kCommonKeys)));
    }
  }

  auto title = get_string(t, "title", ctx);
  if (!title) return std::unexpected(title.error());
  e.title = title->value_or("");

  if (const toml::node* enabled = t.get("enabled")) {
    const auto* b = enabled->as_boolean();
    if (!b) return ctx.error(line_of(enabled->source()), "enabled", "expected true or false");
    e.enabled = b->get();
  }

  auto every = get_string(t, "every", ctx);
  if (!every) return std::unexpected(every.error());
  auto at = get_string(t, "at", ctx);
  if (!at) return std::unexpected(at.error());
  if (*every && *at) {
    return ctx.error(line_of(t.get("at")->source()), "at",
                     "give either every (an interval) or at (a daily UTC time), not both");
  }
  e.cadence = default_cadence(e.kind);
  if (*every) {
    auto d = parse_duration(**every);
    if (!d) return ctx.error(line_of(t.get("every")->source()), "every", d.error().message);
    if (*d < kMinEvery || *d > kMaxEvery) {
      return ctx.error(line_of(t.get("every")->source()), "every",
                       fmt::format("must be from {} to {}, got \"{}\"", format_duration(kMinEvery),
                                   format_duration(kMaxEvery), **every));
    }
    e.cadence = Cadence{*d, std::nullopt};
  } else if (*at) {
    auto m = parse_time_of_day(**at);
    if (!m) return ctx.error(line_of(t.get("at")->source()), "at", m.error().message);
    e.cadence = Cadence{seconds(0), *m};
  }

  auto since = get_string(t, "since", ctx);
  if (!since) return std::unexpected(since.error());
  if (*since) {
    if (!core::valid_day(**since)) {
      return ctx.error(line_of(t.get("since")->source()), "since",
                       fmt::format("expected a date YYYY-MM-DD, got \"{}\"", **since));
    }
    e.since = **since;
  }

  auto params = read_params(t, e.kind, ctx);
  if (!params) return std::unexpected(params.error());
  e.params = std::move(*params);
  return e;
}

// JSON (the API's body) to a TOML table, so that it meets the same validation. Values keep their
// JSON types; the validator says what it expected when they do not fit.
toml::table to_table(const nlohmann::json& object);

void add_value(toml::array& out, const nlohmann::json& v);

void insert_value(toml::table& out, const std::string& key, const nlohmann::json& v) {
  if (v.is_string()) {
    out.insert(key, v.get<std::string>());
  } else if (v.is_boolean()) {
    out.insert(key, v.get<bool>());
  } else if (v.is_number_integer()) {
    out.insert(key, v.get<std::int64_t>());
  } else if (v.is_number()) {
    out.insert(key, v.get<double>());
  } else if (v.is_array()) {
    toml::array arr;
    for (const auto& item : v) add_value(arr, item);
    out.insert(key, std::move(arr));
  } else if (v.is_object()) {
    out.insert(key, to_table(v));
  } else {
    out.insert(key, toml::table{});  // null: reported as the wrong type
  }
}

void add_value(toml::array& out, const nlohmann::json& v) {
  if (v.is_string()) {
    out.push_back(v.get<std::string>());
  } else if (v.is_boolean()) {
    out.push_back(v.get<bool>());
  } else if (v.is_number_integer()) {
    out.push_back(v.get<std::int64_t>());
  } else if (v.is_number()) {
    out.push_back(v.get<double>());
  } else {
    out.push_back(toml::table{});
  }
}

toml::table to_table(const nlohmann::json& object) {
  toml::table t;
  for (const auto& [key, value] : object.items()) insert_value(t, key, value);
  return t;
}

// A TOML basic string, as the default file writes them. Not toml++'s printer: it prefers literal
// strings ('...'), unlike every other entry of the file.
std::string toml_quote(std::string_view s) {
  std::string out = "\"";
  for (const char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\t') {
      out += "\\t";
    } else if (u < 0x20 || u == 0x7f) {
      out += fmt::format("\\u{:04X}", u);  // other control characters
    } else {
      out += c;  // UTF-8 as it is
    }
  }
  return out + "\"";
}

std::string toml_list(const std::vector<std::string>& items) {
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + toml_quote(items[i]);
  return out + "]";
}

}  // namespace

const SourceEntry* Catalogue::find(std::string_view name) const {
  for (const SourceEntry& e : sources) {
    if (e.name == name) return &e;
  }
  return nullptr;
}

Result<Catalogue> parse_catalogue(std::string_view text, std::string_view file) {
  toml::table root;
  try {
    root = toml::parse(text, std::string_view(file));
  } catch (const toml::parse_error& e) {
    return fail(ErrorCode::invalid_argument,
                fmt::format("{}:{}: {}", file, e.source().begin.line, e.description()));
  }
  Catalogue catalogue;
  for (auto&& [key, value] : root) {
    if (key.str() != "source") {
      return fail(ErrorCode::invalid_argument,
                  fmt::format("{}:{}: unknown key '{}': a catalogue holds [[source]] tables only",
                              file, line_of(key.source()), key.str()));
    }
  }
  const toml::node* list = root.get("source");
  if (!list) return catalogue;
  const toml::array* arr = list->as_array();
  if (!arr) {
    return fail(ErrorCode::invalid_argument,
                fmt::format("{}:{}: 'source' must be a list of [[source]] tables (two brackets)",
                            file, line_of(list->source())));
  }
  std::map<std::string, int, std::less<>> lines;
  for (std::size_t i = 0; i < arr->size(); ++i) {
    const toml::table* t = (*arr)[i].as_table();
    if (!t) {
      return fail(ErrorCode::invalid_argument, fmt::format("{}:{}: source #{} is not a table", file,
                                                           line_of((*arr)[i].source()), i + 1));
    }
    auto entry = entry_from_table(*t, file, i + 1);
    if (!entry) return std::unexpected(entry.error());
    if (auto it = lines.find(entry->name); it != lines.end()) {
      return fail(ErrorCode::invalid_argument,
                  fmt::format("{}:{}: source '{}': key 'name': already used by the source at "
                              "line {}",
                              file, entry->line, entry->name, it->second));
    }
    lines.emplace(entry->name, entry->line);
    catalogue.sources.push_back(std::move(*entry));
  }
  return catalogue;
}

Result<SourceEntry> entry_from_json(std::string_view json_text) {
  nlohmann::json body = nlohmann::json::parse(json_text, nullptr, /*allow_exceptions=*/false);
  if (body.is_discarded() || !body.is_object()) {
    return fail(ErrorCode::invalid_argument, "the body is not a JSON object");
  }
  body.erase("host");  // what entry_json adds for people; not a key of the file
  auto entry = entry_from_table(to_table(body), "", 1);
  if (entry) entry->line = 0;
  return entry;
}

std::string entry_json(const SourceEntry& e) {
  nlohmann::ordered_json j;
  j["name"] = e.name;
  j["kind"] = to_string(e.kind);
  j["title"] = e.display_name();
  j["enabled"] = e.enabled;
  if (e.cadence.at) {
    j["at"] = format_time_of_day(*e.cadence.at);
  } else {
    j["every"] = format_duration(e.cadence.every);
  }
  if (!e.since.empty()) j["since"] = e.since;
  if (const auto* p = e.arxiv()) {
    j["sets"] = p->sets;
    j["method"] = to_string(p->method);
  } else if (const auto* p = e.crossref()) {
    j["issns"] = p->issns;
  } else if (const auto* p = e.pubmed()) {
    j["term"] = p->term;
  } else if (const auto* p = e.openalex()) {
    j["source_id"] = p->source_id;
  } else if (const auto* p = e.biorxiv()) {
    j["server"] = p->server;
  } else if (const auto* p = e.feed()) {
    j["url"] = p->url;
    j["venue"] = p->venue;
  }
  j["host"] = upstream_host(e);
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string format_entry(const SourceEntry& e) {
  std::string out = "[[source]]\n";
  out += "name = " + toml_quote(e.name) + "\n";
  out += "kind = " + toml_quote(to_string(e.kind)) + "\n";
  if (!e.title.empty()) out += "title = " + toml_quote(e.title) + "\n";
  out += std::string("enabled = ") + (e.enabled ? "true" : "false") + "\n";
  if (e.cadence.at) {
    out += "at = " + toml_quote(format_time_of_day(*e.cadence.at)) + "\n";
  } else {
    out += "every = " + toml_quote(format_duration(e.cadence.every)) + "\n";
  }
  if (!e.since.empty()) out += "since = " + toml_quote(e.since) + "\n";
  if (const auto* p = e.arxiv()) {
    out += "sets = " + toml_list(p->sets) + "\n";
    out += "method = " + toml_quote(to_string(p->method)) + "\n";
  } else if (const auto* p = e.crossref()) {
    out += "issns = " + toml_list(p->issns) + "\n";
  } else if (const auto* p = e.pubmed()) {
    out += "term = " + toml_quote(p->term) + "\n";
  } else if (const auto* p = e.openalex()) {
    out += "source_id = " + toml_quote(p->source_id) + "\n";
  } else if (const auto* p = e.biorxiv()) {
    out += "server = " + toml_quote(p->server) + "\n";
  } else if (const auto* p = e.feed()) {
    out += "url = " + toml_quote(p->url) + "\n";
    out += "venue = " + toml_quote(p->venue) + "\n";
  }
  return out;
}

}  // namespace ah::catalogue
