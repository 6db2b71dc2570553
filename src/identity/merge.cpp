#include "identity/merge.h"

#include <algorithm>
#include <array>
#include <limits>
#include <tuple>

#include "core/calendar.h"
#include "identity/fold.h"
#include "identity/history.h"
#include "identity/links.h"

namespace ah::identity {
namespace {

using F = Family;

// The family orders of the table in merge.h.
enum class Order { journal_first, abstract, preprint_first };

constexpr std::array kJournalFirst = {F::crossref, F::pubmed,  F::openalex, F::journal, F::s2,
                                      F::biorxiv,  F::medrxiv, F::arxiv,    F::other};
constexpr std::array kAbstractOrder = {F::pubmed,   F::crossref, F::arxiv, F::biorxiv, F::medrxiv,
                                       F::openalex, F::journal,  F::s2,    F::other};
constexpr std::array kPreprintFirst = {F::arxiv,    F::biorxiv, F::medrxiv, F::crossref, F::pubmed,
                                       F::openalex, F::journal, F::s2,      F::other};

int rank(Order order, Family f) {
  const auto& list = order == Order::journal_first ? kJournalFirst
                     : order == Order::abstract    ? kAbstractOrder
                                                   : kPreprintFirst;
  return static_cast<int>(std::find(list.begin(), list.end(), f) - list.begin());
}

// One row of the table: a field (or fields that travel together) taken whole from the first
// record, in the row's order, that has it.
struct FieldRule {
  std::string_view name;  // as field_sources names it
  Order order;
  bool (*has)(const core::Paper&);
  void (*copy)(core::Paper& to, const core::Paper& from);
};

#define AH_STRING_RULE(field, order)                                                    \
  FieldRule {                                                                           \
#field, order,                                                                      \
        [](const core::Paper&                                                           \
               p) { return !p.field.empty(); }, [](core::Paper & to,                    \
                                                   const core::Paper&                   \
                                                       from) { to.field = from.field; } \
  }

constexpr FieldRule kFieldRules[] = {
    {"title", Order::journal_first, [](const core::Paper& p) { return !p.title.empty(); },
     [](core::Paper& to, const core::Paper& from) {
       to.title = from.title;
       to.title_display = from.title_display;
     }},
    {"abstract", Order::abstract, [](const core::Paper& p) { return !p.abstract.empty(); },
     [](core::Paper& to, const core::Paper& from) {
       to.abstract = from.abstract;
       to.abstract_display = from.abstract_display;
     }},
    AH_STRING_RULE(venue, Order::journal_first),
    AH_STRING_RULE(venue_short, Order::journal_first),
    AH_STRING_RULE(volume, Order::journal_first),
    AH_STRING_RULE(issue, Order::journal_first),
    AH_STRING_RULE(pages, Order::journal_first),
    AH_STRING_RULE(publisher, Order::journal_first),
    AH_STRING_RULE(issns, Order::journal_first),
    AH_STRING_RULE(language, Order::journal_first),
    {"type", Order::journal_first,
     [](const core::Paper& p) { return p.type != core::WorkType::unknown; },
     [](core::Paper& to, const core::Paper& from) { to.type = from.type; }},
    AH_STRING_RULE(categories, Order::preprint_first),
    {"versions", Order::preprint_first,
     [](const core::Paper& p) { return p.version > 0 || !p.versions.empty(); },
     [](core::Paper& to, const core::Paper& from) {
       to.version = from.version;
       to.versions = from.versions;
       to.version_date = from.version_date;
     }},
    AH_STRING_RULE(comment, Order::preprint_first),
    AH_STRING_RULE(journal_ref, Order::preprint_first),
    AH_STRING_RULE(report_no, Order::preprint_first),
    AH_STRING_RULE(submitter, Order::preprint_first),
    AH_STRING_RULE(announce_type, Order::preprint_first),
    AH_STRING_RULE(license, Order::preprint_first),
    AH_STRING_RULE(abs_url, Order::preprint_first),
    AH_STRING_RULE(pdf_url, Order::preprint_first),
};

#undef AH_STRING_RULE

bool is_preprint_record(const core::Paper& p, Family f) {
  return p.type == core::WorkType::preprint ||
         (p.type == core::WorkType::unknown && is_preprint_family(f));
}

bool is_arxiv_doi(const std::string& doi) { return !core::arxiv_id_from_doi(doi).empty(); }

struct Input {
  const Record* record;
  Family family;
  bool preprint;
  size_t index;
};

// The records in the precedence order of `order`: family rank, then within a family the
// published record first (preprint first for preprint_first), then the older (stored) record.
std::vector<const Input*> in_order(const std::vector<Input>& inputs, Order order) {
  std::vector<const Input*> out;
  for (const Input& in : inputs) out.push_back(&in);
  auto key = [order](const Input* in) {
    const bool late = order == Order::preprint_first ? !in->preprint : in->preprint;
    const std::int64_t id =
        in->record->id > 0 ? in->record->id : std::numeric_limits<std::int64_t>::max();
    return std::tuple(rank(order, in->family), late, id, in->index);
  };
  std::sort(out.begin(), out.end(),
            [&](const Input* a, const Input* b) { return key(a) < key(b); });
  return out;
}

// The authors: the richest list of a bibliographic catalogue (most names), else the first list
// in preprint-first order; then ORCIDs, ids and empty affiliations completed from the other
// records' authors of the same name.
std::int64_t merge_authors(core::Paper& out, const std::vector<Input>& inputs) {
  const Input* best = nullptr;
  for (const Input* in : in_order(inputs, Order::journal_first)) {
    const Family f = in->family;
    if (f != F::crossref && f != F::pubmed && f != F::openalex) continue;
    if (in->record->content.authors.empty()) continue;
    if (!best || in->record->content.authors.size() > best->record->content.authors.size()) {
      best = in;
    }
  }
  if (!best) {
    for (const Input* in : in_order(inputs, Order::preprint_first)) {
      if (!in->record->content.authors.empty()) {
        best = in;
        break;
      }
    }
  }
  if (!best) return 0;
  out.authors = best->record->content.authors;
  if (inputs.size() == 1) return best->record->id;
  for (core::Author& a : out.authors) {
    const NameKey key = name_key(a.name);
    if (key.surname.empty()) continue;
    for (const Input& in : inputs) {
      if (&in == best) continue;
      for (const core::Author& other : in.record->content.authors) {
        const NameKey k = name_key(other.name);
        if (k.surname != key.surname ||
            (!k.initial.empty() && !key.initial.empty() && k.initial != key.initial)) {
          continue;
        }
        if (a.orcid.empty()) a.orcid = other.orcid;
        if (a.affiliation.empty()) a.affiliation = other.affiliation;
        for (const core::Identifier& id : other.ids) {
          if (std::find(a.ids.begin(), a.ids.end(), id) == a.ids.end()) a.ids.push_back(id);
        }
      }
    }
  }
  return best->record->id;
}

}  // namespace

const std::string& earlier_date(const std::string& a, const std::string& b) {
  if (a.empty()) return b;
  if (b.empty()) return a;
  const bool da = core::leading_day(a).has_value(), db = core::leading_day(b).has_value();
  if (da != db) return da ? a : b;
  const int c = a.compare(0, 10, b, 0, 10);
  if (c != 0) return c < 0 ? a : b;
  if (a.size() != b.size()) return a.size() > b.size() ? a : b;  // the more precise form
  return a < b ? a : b;
}

Merged merge_records(std::span<const Record> records, std::span<const Notice> notices) {
  Merged m;
  if (records.empty()) return m;
  std::vector<Input> inputs;
  inputs.reserve(records.size());
  for (size_t i = 0; i < records.size(); ++i) {
    const Family f = record_family(records[i].content);
    inputs.push_back(Input{&records[i], f, is_preprint_record(records[i].content, f), i});
  }
  core::Paper& out = m.paper;
  auto source = [&](std::string_view field, const Input* in) {
    if (in) out.field_sources.emplace_back(std::string(field), in->record->id);
  };

  // The primary record: the one whose title wins (the first in journal-first order otherwise).
  const std::vector<const Input*> journal_first = in_order(inputs, Order::journal_first);
  const Input* primary = journal_first.front();
  for (const Input* in : journal_first) {
    if (!in->record->content.title.empty()) {
      primary = in;
      break;
    }
  }
  m.primary = primary->index;
  out.source = primary->record->content.source;

  const std::vector<const Input*> abstract_order = in_order(inputs, Order::abstract);
  const std::vector<const Input*> preprint_first = in_order(inputs, Order::preprint_first);
  for (const FieldRule& rule : kFieldRules) {
    const auto& order = rule.order == Order::journal_first ? journal_first
                        : rule.order == Order::abstract    ? abstract_order
                                                           : preprint_first;
    for (const Input* in : order) {
      if (rule.has(in->record->content)) {
        rule.copy(out, in->record->content);
        source(rule.name, in);
        break;
      }
    }
  }

  // arxiv_id: the preprint's, else an arXiv id another record knows.
  for (const Input* in : preprint_first) {
    if (!in->record->content.arxiv_id.empty()) {
      out.arxiv_id = in->record->content.arxiv_id;
      source("arxiv_id", in);
      break;
    }
  }
  if (out.arxiv_id.empty()) {
    for (const Input* in : preprint_first) {
      for (const core::Identifier& id : identifiers(in->record->content)) {
        if (id.scheme == "arxiv" && out.arxiv_id.empty()) {
          out.arxiv_id = id.value;
          source("arxiv_id", in);
        }
      }
    }
  }
  // doi: the journal's; an arXiv DOI only when no record has another.
  for (bool arxiv_dois : {false, true}) {
    for (const Input* in : journal_first) {
      const std::string& doi = in->record->content.doi;
      if (!doi.empty() && is_arxiv_doi(doi) == arxiv_dois && out.doi.empty()) {
        out.doi = doi;
        source("doi", in);
      }
    }
  }
  if (std::int64_t id = merge_authors(out, inputs); id != 0 || !out.authors.empty()) {
    out.field_sources.emplace_back("authors", id);
  }

  // Dates: the earliest published and announced, the latest update.
  const Input* published = nullptr;
  for (const Input& in : inputs) {
    const std::string& d = in.record->content.published;
    if (d.empty()) continue;
    if (!published || &earlier_date(out.published, d) == &d) {
      out.published = d;
      published = &in;
    }
  }
  source("published", published);
  for (const Input& in : inputs) {
    const core::Paper& c = in.record->content;
    if (!c.announced.empty() && (out.announced.empty() || c.announced < out.announced)) {
      out.announced = c.announced;
    }
    if (c.updated > out.updated) out.updated = c.updated;
    out.retracted = out.retracted || c.retracted;
  }

  // Unions: identifiers beyond the chosen arXiv id and DOI, relations.
  for (const Input* in : preprint_first) {
    const core::Paper& c = in->record->content;
    auto add_id = [&](const core::Identifier& id) {
      if (id.value.empty()) return;
      if (id.scheme == "arxiv" && id.value == out.arxiv_id) return;
      if (id.scheme == "doi" && id.value == out.doi) return;
      if (std::find(out.other_ids.begin(), out.other_ids.end(), id) == out.other_ids.end()) {
        out.other_ids.push_back(id);
      }
    };
    if (!c.arxiv_id.empty()) add_id({"arxiv", c.arxiv_id});
    if (!c.doi.empty()) add_id({"doi", c.doi});
    for (const core::Identifier& id : c.other_ids) add_id(id);
    for (const core::Relation& r : c.relations) {
      if (std::find(out.relations.begin(), out.relations.end(), r) == out.relations.end()) {
        out.relations.push_back(r);
      }
    }
  }
  std::sort(out.other_ids.begin(), out.other_ids.end());

  out.history = history_of(records, notices);
  out.status = status_of(out.history, out.retracted);
  return m;
}

}  // namespace ah::identity
