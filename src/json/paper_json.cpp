#include "json/paper_json.h"

namespace ah::json {
namespace {

nlohmann::json or_null(const std::string& s) {
  return s.empty() ? nlohmann::json(nullptr) : nlohmann::json(s);
}

nlohmann::json status_json(const core::PaperStatus& s) {
  nlohmann::json updated = nullptr;
  if (!s.update_kind.empty()) updated = {{"kind", s.update_kind}, {"date", or_null(s.update_date)}};
  return {{"retracted", s.retracted},
          {"corrected", s.corrected},
          {"concern", s.concern},
          {"notices", s.notice_dois},
          {"updated", std::move(updated)}};
}

}  // namespace

std::string display_id(const core::Paper& p) {
  if (!p.arxiv_id.empty()) return p.arxiv_id;
  if (!p.doi.empty()) return p.doi;
  for (const char* scheme : core::kPaperSchemes) {
    for (const core::Identifier& id : p.other_ids) {
      if (id.scheme != scheme || id.value.empty()) continue;
      if (id.scheme == "arxiv" || id.scheme == "doi") return id.value;
      return id.scheme + ":" + id.value;
    }
  }
  if (p.paper_id > 0) return "ah:" + std::to_string(p.paper_id);
  return {};
}

nlohmann::json to_json(const core::Paper& p) {
  nlohmann::json authors = nlohmann::json::array();
  for (const core::Author& a : p.authors) {
    nlohmann::json o{{"name", a.name}};
    if (!a.affiliation.empty()) o["affiliation"] = a.affiliation;
    if (!a.orcid.empty()) o["orcid"] = a.orcid;
    authors.push_back(std::move(o));
  }
  nlohmann::json versions = nlohmann::json::array();
  for (const core::PaperVersion& v : p.versions) {
    versions.push_back(
        {{"version", v.version}, {"date", or_null(v.date)}, {"size", or_null(v.size)}});
  }
  nlohmann::json identifiers = nlohmann::json::array();
  if (!p.arxiv_id.empty()) identifiers.push_back({{"scheme", "arxiv"}, {"value", p.arxiv_id}});
  if (!p.doi.empty()) identifiers.push_back({{"scheme", "doi"}, {"value", p.doi}});
  for (const core::Identifier& id : p.other_ids) {
    identifiers.push_back({{"scheme", id.scheme}, {"value", id.value}});
  }
  nlohmann::json records = nlohmann::json::array();
  for (const core::RecordRef& r : p.records) {
    nlohmann::json o{
        {"source", r.source}, {"source_id", r.source_id}, {"fetched_at", or_null(r.fetched_at)}};
    if (!r.fetched_from.empty()) o["fetched_from"] = r.fetched_from;
    records.push_back(std::move(o));
  }
  nlohmann::json history = nlohmann::json::array();
  for (const core::HistoryEvent& e : p.history) {
    history.push_back({{"date", or_null(e.date)},
                       {"kind", e.kind},
                       {"label", or_null(e.label)},
                       {"source", or_null(e.source)}});
  }
  return nlohmann::json{
      {"id", display_id(p)},
      {"paper_id", p.paper_id > 0 ? nlohmann::json(p.paper_id) : nlohmann::json(nullptr)},
      {"version", p.version > 0 ? nlohmann::json(p.version) : nlohmann::json(nullptr)},
      {"title", p.title_display.empty() ? p.title : p.title_display},
      {"abstract", p.abstract_display.empty() ? p.abstract : p.abstract_display},
      {"title_raw", p.title},
      {"abstract_raw", p.abstract},
      {"authors", std::move(authors)},
      {"categories", p.categories},
      {"primary_category",
       p.categories.empty() ? nlohmann::json(nullptr) : nlohmann::json(p.categories.front())},
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
      {"links",
       {{"abs", or_null(p.abs_url)},
        {"pdf", or_null(p.pdf_url)},
        {"doi", or_null(core::doi_url(p))}}},
      {"identifiers", std::move(identifiers)},
      {"source", or_null(p.source)},
      {"records", std::move(records)},
      {"history", std::move(history)},
      {"venue", or_null(p.venue)},
      {"venue_short", or_null(p.venue_short)},
      {"volume", or_null(p.volume)},
      {"issue", or_null(p.issue)},
      {"pages", or_null(p.pages)},
      {"publisher", or_null(p.publisher)},
      {"type", p.type == core::WorkType::unknown
                   ? nlohmann::json(nullptr)
                   : nlohmann::json(std::string(core::to_string(p.type)))},
      {"status", status_json(p.status)},
  };
}

}  // namespace ah::json
