#include "catalogue/source_entry.h"

#include <fmt/format.h>

#include <array>
#include <cctype>
#include <charconv>

#include "net/url.h"

namespace ah::catalogue {

using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

namespace {

constexpr std::array kKinds{Kind::arxiv,    Kind::crossref, Kind::pubmed,
                            Kind::openalex, Kind::biorxiv,  Kind::feed};

struct Unit {
  char letter;
  seconds length;
};
constexpr Unit kUnits[] = {
    {'d', std::chrono::days(1)}, {'h', hours(1)}, {'m', minutes(1)}, {'s', seconds(1)}};

}  // namespace

std::string_view to_string(Kind kind) {
  switch (kind) {
    case Kind::arxiv:
      return "arxiv";
    case Kind::crossref:
      return "crossref";
    case Kind::pubmed:
      return "pubmed";
    case Kind::openalex:
      return "openalex";
    case Kind::biorxiv:
      return "biorxiv";
    case Kind::feed:
      return "feed";
  }
  return "arxiv";
}

std::optional<Kind> parse_kind(std::string_view text) {
  for (Kind k : kKinds) {
    if (to_string(k) == text) return k;
  }
  return std::nullopt;
}

std::span<const Kind> all_kinds() { return kKinds; }

std::string_view to_string(ArxivMethod method) {
  return method == ArxivMethod::oai ? "oai" : "rss";
}

Result<seconds> parse_duration(std::string_view text) {
  auto bad = [&] {
    return fail(ErrorCode::invalid_argument,
                fmt::format("expected a duration such as \"30m\", \"6h\", \"1d\" or \"1h30m\", "
                            "got \"{}\"",
                            text));
  };
  if (text.empty()) return bad();
  seconds total{0};
  std::size_t next_unit = 0;  // units must come largest first, each once
  std::string_view rest = text;
  while (!rest.empty()) {
    long long n = 0;
    auto [end, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), n);
    if (ec != std::errc() || end == rest.data() || end == rest.data() + rest.size() || n < 0 ||
        n > 100'000) {
      return bad();
    }
    const char letter = *end;
    std::size_t u = next_unit;
    while (u < std::size(kUnits) && kUnits[u].letter != letter) ++u;
    if (u == std::size(kUnits)) return bad();
    total += kUnits[u].length * n;
    next_unit = u + 1;
    rest = rest.substr(static_cast<std::size_t>(end - rest.data()) + 1);
  }
  return total;
}

std::string format_duration(seconds duration) {
  if (duration <= seconds(0)) return "0s";
  std::string out;
  seconds left = duration;
  for (const Unit& u : kUnits) {
    const auto n = left / u.length;
    if (n > 0) {
      out += fmt::format("{}{}", n, u.letter);
      left -= u.length * n;
    }
  }
  return out;
}

Result<minutes> parse_time_of_day(std::string_view text) {
  int h = -1, m = -1;
  if (text.size() == 5 && text[2] == ':') {
    std::from_chars(text.data(), text.data() + 2, h);
    std::from_chars(text.data() + 3, text.data() + 5, m);
  }
  const bool digits = text.size() == 5 && std::isdigit(static_cast<unsigned char>(text[0])) &&
                      std::isdigit(static_cast<unsigned char>(text[1])) &&
                      std::isdigit(static_cast<unsigned char>(text[3])) &&
                      std::isdigit(static_cast<unsigned char>(text[4]));
  if (!digits || h < 0 || h > 23 || m < 0 || m > 59) {
    return fail(
        ErrorCode::invalid_argument,
        fmt::format("expected a UTC time of day HH:MM such as \"05:30\", got \"{}\"", text));
  }
  return minutes(h * 60 + m);
}

std::string format_time_of_day(minutes m) {
  return fmt::format("{:02}:{:02}", m.count() / 60, m.count() % 60);
}

std::string describe(const Cadence& cadence) {
  if (cadence.at) return "daily at " + format_time_of_day(*cadence.at) + " UTC";
  return "every " + format_duration(cadence.every);
}

Cadence default_cadence(Kind kind) {
  switch (kind) {
    case Kind::arxiv:
      return Cadence{seconds(0), minutes(5 * 60 + 30)};
    case Kind::crossref:
    case Kind::pubmed:
    case Kind::biorxiv:
      return Cadence{hours(6), std::nullopt};
    case Kind::feed:
      return Cadence{hours(3), std::nullopt};
    case Kind::openalex:
      return Cadence{hours(24), std::nullopt};
  }
  return Cadence{hours(6), std::nullopt};
}

std::string upstream_host(const SourceEntry& entry) {
  switch (entry.kind) {
    case Kind::arxiv: {
      const ArxivParams* p = entry.arxiv();
      return p && p->method == ArxivMethod::oai ? "oaipmh.arxiv.org" : "rss.arxiv.org";
    }
    case Kind::crossref:
      return "api.crossref.org";
    case Kind::pubmed:
      return "eutils.ncbi.nlm.nih.gov";
    case Kind::openalex:
      return "api.openalex.org";
    case Kind::biorxiv:
      return "api.biorxiv.org";
    case Kind::feed: {
      const FeedParams* p = entry.feed();
      if (!p) return "";
      auto host = net::parse_url_host(p->url);
      return host ? host->display() : "";
    }
  }
  return "";
}

}  // namespace ah::catalogue
