#include "sources/openalex/locations.h"

#include <algorithm>
#include <cctype>
#include <string>

namespace ah::sources::openalex {
namespace {

bool starts_with_ci(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (std::size_t k = 0; k < prefix.size(); ++k) {
    if (std::tolower(static_cast<unsigned char>(s[k])) !=
        std::tolower(static_cast<unsigned char>(prefix[k]))) {
      return false;
    }
  }
  return true;
}

// The URL without "http(s)://" and "www.", or empty when it is not an http(s) URL.
std::string_view without_scheme(std::string_view url) {
  for (std::string_view scheme : {"https://", "http://"}) {
    if (starts_with_ci(url, scheme)) {
      url.remove_prefix(scheme.size());
      if (starts_with_ci(url, "www.")) url.remove_prefix(4);
      return url;
    }
  }
  return {};
}

// "arxiv.org/abs/2308.11589v2" or "export.arxiv.org/pdf/2308.11589.pdf" -> the arXiv id.
std::optional<core::Identifier> arxiv_from_url(std::string_view url) {
  std::string_view rest = without_scheme(url);
  if (starts_with_ci(rest, "export.")) rest.remove_prefix(7);
  if (!starts_with_ci(rest, "arxiv.org/")) return std::nullopt;
  rest.remove_prefix(10);
  for (std::string_view kind : {"abs/", "pdf/"}) {
    if (!starts_with_ci(rest, kind)) continue;
    std::string_view id = rest.substr(kind.size());
    id = id.substr(0, id.find_first_of("?#"));
    if (id.ends_with(".pdf")) id.remove_suffix(4);
    auto parsed = core::normalize_identifier("arxiv", id);
    if (parsed) return *parsed;
  }
  return std::nullopt;
}

// A DOI as an identifier: an arXiv DOI names the arXiv record.
std::optional<core::Identifier> doi_identifier(std::string_view text) {
  auto doi = core::normalize_doi(text);
  if (!doi) return std::nullopt;
  if (std::string arxiv = core::arxiv_id_from_doi(*doi); !arxiv.empty()) {
    return core::Identifier{"arxiv", std::move(arxiv)};
  }
  return core::Identifier{"doi", std::move(*doi)};
}

// "biorxiv.org/content/10.1101/2020.01.01.123456v2.full" -> 10.1101/2020.01.01.123456.
std::optional<core::Identifier> biorxiv_from_url(std::string_view url) {
  std::string_view rest = without_scheme(url);
  if (!starts_with_ci(rest, "biorxiv.org/content/") &&
      !starts_with_ci(rest, "medrxiv.org/content/")) {
    return std::nullopt;
  }
  rest.remove_prefix(rest.find("/content/") + 9);
  rest = rest.substr(0, rest.find_first_of("?#"));
  // The DOI's suffix is digits and dots; a version ("v2") or a view (".full", ".abstract",
  // ".full.pdf") follows it.
  const std::size_t slash = rest.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  std::size_t end = slash + 1;
  while (end < rest.size() && (std::isdigit(static_cast<unsigned char>(rest[end])) ||
                               (rest[end] == '.' && end + 1 < rest.size() &&
                                std::isdigit(static_cast<unsigned char>(rest[end + 1]))))) {
    ++end;
  }
  auto id = doi_identifier(rest.substr(0, end));
  if (!id || id->scheme != "doi" || !is_biorxiv_doi(id->value)) return std::nullopt;
  return id;
}

}  // namespace

bool is_biorxiv_doi(std::string_view doi) {
  if (doi.starts_with("10.64898/")) return doi.size() > 9;
  return doi.starts_with("10.1101/") && doi.size() > 8 &&
         std::isdigit(static_cast<unsigned char>(doi[8]));
}

std::string_view preprint_server(std::string_view source_name) {
  for (std::string_view server : {"arXiv", "bioRxiv", "medRxiv"}) {
    if (source_name == server ||
        (source_name.starts_with(server) && source_name.size() > server.size() &&
         source_name[server.size()] == ' ')) {
      return server;
    }
  }
  return {};
}

std::optional<core::Identifier> location_identifier(const Location& location) {
  if (starts_with_ci(location.id, "pmh:oai:arXiv.org:")) {
    auto id = core::normalize_identifier("arxiv", location.id.substr(18));
    if (id) return *id;
  }
  for (std::string_view url : {location.landing_page_url, location.pdf_url}) {
    if (auto id = arxiv_from_url(url)) return id;
  }
  if (starts_with_ci(location.id, "doi:")) {
    if (auto id = doi_identifier(location.id.substr(4))) return id;
  }
  std::string_view landing = without_scheme(location.landing_page_url);
  if (starts_with_ci(landing, "doi.org/") || starts_with_ci(landing, "dx.doi.org/")) {
    if (auto id = doi_identifier(location.landing_page_url)) return id;
  }
  return biorxiv_from_url(location.landing_page_url);
}

bool is_preprint_location(const Location& location, const core::Identifier& target) {
  if (target.scheme == "arxiv") return true;
  if (target.scheme == "doi" && is_biorxiv_doi(target.value)) return true;
  if (!preprint_server(location.source_name).empty()) return true;
  return location.version == "submittedVersion";
}

std::vector<core::Relation> location_relations(std::span<const Location> locations,
                                               bool work_is_preprint,
                                               std::span<const core::Identifier> own) {
  std::vector<core::Relation> out;
  for (const Location& location : locations) {
    auto target = location_identifier(location);
    if (!target || std::find(own.begin(), own.end(), *target) != own.end()) continue;
    const bool preprint = is_preprint_location(location, *target);
    core::Relation relation;
    relation.type =
        work_is_preprint
            ? (preprint ? core::RelationType::same_as : core::RelationType::is_preprint_of)
            : (preprint ? core::RelationType::has_preprint : core::RelationType::same_as);
    relation.target = std::move(*target);
    const bool seen = std::any_of(out.begin(), out.end(), [&](const core::Relation& r) {
      return r.target == relation.target;
    });
    if (!seen) out.push_back(std::move(relation));
  }
  return out;
}

}  // namespace ah::sources::openalex
