#include "identity/history.h"

#include <algorithm>
#include <string>

#include "identity/family.h"

namespace ah::identity {
namespace {

std::string_view server_label(Family f, const core::Paper& p) {
  switch (f) {
    case Family::arxiv:
      return "arXiv";
    case Family::biorxiv:
      return "bioRxiv";
    case Family::medrxiv:
      return "medRxiv";
    default:
      return p.venue.empty() ? std::string_view(p.publisher) : std::string_view(p.venue);
  }
}

// The history kind of a notice: corrections and errata correct, and so on; a notice of
// another kind (an addendum) is "notice".
std::string_view notice_event(core::NoticeKind kind) {
  switch (kind) {
    case core::NoticeKind::correction:
    case core::NoticeKind::erratum:
      return "corrected";
    case core::NoticeKind::retraction:
      return "retracted";
    case core::NoticeKind::expression_of_concern:
      return "expression-of-concern";
    case core::NoticeKind::withdrawal:
      return "withdrawn";
    case core::NoticeKind::none:
    case core::NoticeKind::other:
      return "notice";
  }
  return "notice";
}

bool is_notice_event(std::string_view kind) {
  return kind == "corrected" || kind == "retracted" || kind == "expression-of-concern" ||
         kind == "withdrawn" || kind == "notice";
}

std::string day(const std::string& date) { return date.substr(0, 10); }

// The records' contents in a stable order: stored ones by id, then new ones as given.
std::vector<const core::Paper*> stable(std::span<const Record> records) {
  std::vector<const Record*> sorted;
  for (const Record& r : records) sorted.push_back(&r);
  std::stable_sort(sorted.begin(), sorted.end(), [](const Record* a, const Record* b) {
    const bool na = a->id <= 0, nb = b->id <= 0;
    if (na != nb) return nb;
    return !na && a->id < b->id;
  });
  std::vector<const core::Paper*> out;
  for (const Record* r : sorted) out.push_back(&r->content);
  return out;
}

std::vector<core::HistoryEvent> history(const std::vector<const core::Paper*>& ordered,
                                        std::span<const Notice> notices) {
  std::vector<core::HistoryEvent> events;

  // Preprint servers: posted, then versions.
  for (const core::Paper* r : ordered) {
    const core::Paper& c = *r;
    const Family f = record_family(c);
    if (core::is_notice(c.type)) continue;
    const bool preprint = c.type == core::WorkType::preprint ||
                          (c.type == core::WorkType::unknown && is_preprint_family(f));
    if (!preprint) continue;
    const std::string label(server_label(f, c));
    bool posted = false;
    for (const core::PaperVersion& v : c.versions) {
      if (v.version == 1) {
        events.push_back({v.date.empty() ? c.published : v.date, "posted", label, c.source});
        posted = true;
      } else if (!v.date.empty()) {
        events.push_back({v.date, "version", "v" + std::to_string(v.version), c.source});
      }
    }
    if (!posted) {
      const std::string& date = c.published.empty() ? c.announced : c.published;
      if (!date.empty()) events.push_back({date, "posted", label, c.source});
    }
  }

  // Publication: one event, labelled by the venue of the first published record in precedence
  // order that names one, dated by the earliest full date of them all.
  {
    const core::Paper* labelled = nullptr;
    std::string date;
    std::string source;
    static constexpr Family kOrder[] = {Family::crossref, Family::pubmed, Family::openalex,
                                        Family::journal,  Family::s2,     Family::other};
    for (Family want : kOrder) {
      for (const core::Paper* r : ordered) {
        const core::Paper& c = *r;
        const Family f = record_family(c);
        if (f != want || core::is_notice(c.type) || c.type == core::WorkType::preprint) continue;
        if (c.type == core::WorkType::unknown && is_preprint_family(f)) continue;
        if (!labelled && !server_label(f, c).empty()) labelled = &c;
        if (source.empty()) source = c.source;
        if (!c.published.empty()) date = earlier_date(date, c.published);
      }
    }
    if (!source.empty() && (!date.empty() || labelled)) {
      events.push_back({date, "published",
                        labelled ? std::string(server_label(record_family(*labelled), *labelled))
                                 : std::string(),
                        labelled ? labelled->source : source});
    }
  }

  // Notices: the records' own updated-by relations, and notice records about the paper.
  auto add_notice = [&](std::string kind, std::string label, const std::string& date,
                        const std::string& source) {
    for (core::HistoryEvent& e : events) {
      if (e.kind == kind && e.label == label) {
        if (e.date.empty()) e.date = date;
        return;
      }
    }
    events.push_back({date, std::move(kind), std::move(label), source});
  };
  bool retraction = false;
  for (const core::Paper* r : ordered) {
    for (const core::Relation& rel : r->relations) {
      if (rel.type != core::RelationType::updated_by) continue;
      const std::string_view kind = notice_event(rel.notice);
      retraction = retraction || kind == "retracted";
      add_notice(std::string(kind), rel.target.value, rel.date, r->source);
    }
  }
  for (const Notice& n : notices) {
    const std::string_view kind = notice_event(n.kind);
    retraction = retraction || kind == "retracted";
    add_notice(std::string(kind), n.doi, n.date, n.source);
  }
  if (!retraction) {
    for (const core::Paper* r : ordered) {
      if (r->retracted) {
        events.push_back({"", "retracted", "", r->source});
        break;
      }
    }
  }

  std::stable_sort(events.begin(), events.end(),
                   [](const core::HistoryEvent& a, const core::HistoryEvent& b) {
                     if (a.date.empty() != b.date.empty()) return b.date.empty();
                     return day(a.date) < day(b.date);
                   });
  return events;
}

}  // namespace

std::vector<core::HistoryEvent> history_of(std::span<const Record> records,
                                           std::span<const Notice> notices) {
  return history(stable(records), notices);
}

std::vector<core::HistoryEvent> history_of_one(const core::Paper& record) {
  return history({&record}, {});
}

core::PaperStatus status_of(std::span<const core::HistoryEvent> history, bool flagged_retracted) {
  core::PaperStatus s;
  s.retracted = flagged_retracted;
  const core::HistoryEvent* first = nullptr;
  const core::HistoryEvent* latest = nullptr;
  for (const core::HistoryEvent& e : history) {
    if (e.kind == "retracted") s.retracted = true;
    if (e.kind == "corrected") s.corrected = true;
    if (e.kind == "expression-of-concern") s.concern = true;
    if (is_notice_event(e.kind) && !e.label.empty() &&
        std::find(s.notice_dois.begin(), s.notice_dois.end(), e.label) == s.notice_dois.end()) {
      s.notice_dois.push_back(e.label);
    }
    if (e.date.empty()) continue;
    if (!first || day(e.date) < day(first->date)) first = &e;
    if (!latest || day(e.date) >= day(latest->date)) latest = &e;
  }
  if (first && latest && day(latest->date) > day(first->date)) {
    s.update_kind = latest->kind;
    s.update_date = latest->date;
  }
  return s;
}

}  // namespace ah::identity
