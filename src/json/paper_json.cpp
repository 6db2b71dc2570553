#include "json/paper_json.h"

namespace ah::json {
namespace {

nlohmann::json or_null(const std::string& s) {
  return s.empty() ? nlohmann::json(nullptr) : nlohmann::json(s);
}

}  // namespace

nlohmann::json to_json(const core::Paper& p) {
  nlohmann::json authors = nlohmann::json::array();
  for (const core::Author& a : p.authors) {
    nlohmann::json o{{"name", a.name}};
    if (!a.affiliation.empty()) o["affiliation"] = a.affiliation;
    authors.push_back(std::move(o));
  }
  nlohmann::json versions = nlohmann::json::array();
  for (const core::PaperVersion& v : p.versions) {
    versions.push_back({{"version", v.version}, {"date", or_null(v.date)}, {"size", or_null(v.size)}});
  }
  nlohmann::json identifiers = nlohmann::json::array();
  if (!p.arxiv_id.empty()) identifiers.push_back({{"scheme", "arxiv"}, {"value", p.arxiv_id}});
  if (!p.doi.empty()) identifiers.push_back({{"scheme", "doi"}, {"value", p.doi}});
  for (const core::Identifier& id : p.other_ids) {
    identifiers.push_back({{"scheme", id.scheme}, {"value", id.value}});
  }
  const std::string& id = p.arxiv_id.empty() ? p.doi : p.arxiv_id;
  return nlohmann::json{
      {"id", id},
      {"version", p.version > 0 ? nlohmann::json(p.version) : nlohmann::json(nullptr)},
      {"title", p.title_display.empty() ? p.title : p.title_display},
      {"abstract", p.abstract_display.empty() ? p.abstract : p.abstract_display},
      {"title_raw", p.title},
      {"abstract_raw", p.abstract},
      {"authors", std::move(authors)},
      {"categories", p.categories},
      {"primary_category", p.categories.empty() ? nlohmann::json(nullptr)
                                                : nlohmann::json(p.categories.front())},
      {"published", or_null(p.published)},
      {"updated", or_null(p.updated)},
      {"version_date", or_null(p.version_date)},
      {"announced", or_null(p.announced)},
      {"doi", or_null(p.doi)},
      {"comment", or_null(p.comment)},
      {"journal_ref", or_null(p.journal_ref)},
      {"report_no", or_null(p.report_no)},
      {"license", or_null(p.license)},
      {"submitter", or_null(p.submitter)},
      {"versions", std::move(versions)},
      {"links", {{"abs", or_null(p.abs_url)}, {"pdf", or_null(p.pdf_url)}, {"doi", or_null(core::doi_url(p))}}},
      {"identifiers", std::move(identifiers)},
      {"source", or_null(p.source)},
  };
}

}  // namespace ah::json
