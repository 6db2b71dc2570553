#include "web/paper_writer.h"

#include <nlohmann/json.hpp>

#include "core/identifiers.h"
#include "json/paper_json.h"

namespace ah::web {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// Length of the valid UTF-8 sequence starting at s[i] (2..4), or 0 when it is not one. The
// rules of RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF.
size_t utf8_sequence(std::string_view s, size_t i) {
  const auto b = [&](size_t k) { return static_cast<unsigned char>(s[i + k]); };
  const auto cont = [&](size_t k) { return i + k < s.size() && (b(k) & 0xC0) == 0x80; };
  const unsigned char c = b(0);
  if (c >= 0xC2 && c <= 0xDF) return cont(1) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    if (!cont(1) || !cont(2)) return 0;
    if (c == 0xE0 && b(1) < 0xA0) return 0;
    if (c == 0xED && b(1) > 0x9F) return 0;
    return 3;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    if (!cont(1) || !cont(2) || !cont(3)) return 0;
    if (c == 0xF0 && b(1) < 0x90) return 0;
    if (c == 0xF4 && b(1) > 0x8F) return 0;
    return 4;
  }
  return 0;
}

// nlohmann's replace handler: a byte that cannot start or continue a valid sequence becomes
// one U+FFFD and decoding restarts at the next byte; a sequence broken off by a byte that cannot
// continue it becomes one U+FFFD and that byte is decoded afresh.
size_t invalid_length(std::string_view s, size_t i) {
  const unsigned char c = static_cast<unsigned char>(s[i]);
  size_t want = c >= 0xC2 && c <= 0xDF   ? 2
                : c >= 0xE0 && c <= 0xEF ? 3
                : c >= 0xF0 && c <= 0xF4 ? 4
                                         : 1;
  size_t k = 1;
  for (; k < want && i + k < s.size(); ++k) {
    const unsigned char n = static_cast<unsigned char>(s[i + k]);
    bool ok = (n & 0xC0) == 0x80;
    if (k == 1) {
      if (c == 0xE0) ok = n >= 0xA0 && n <= 0xBF;
      if (c == 0xED) ok = n >= 0x80 && n <= 0x9F;
      if (c == 0xF0) ok = n >= 0x90 && n <= 0xBF;
      if (c == 0xF4) ok = n >= 0x80 && n <= 0x8F;
    }
    if (!ok) break;
  }
  return k;
}

void key(std::string& out, std::string_view name, bool& first) {
  out += first ? "\"" : ",\"";
  first = false;
  out += name;
  out += "\":";
}

void string_or_null(std::string& out, const std::string& s) {
  if (s.empty()) {
    out += "null";
  } else {
    append_json_string(out, s);
  }
}

}  // namespace

void append_json_string(std::string& out, std::string_view s) {
  out.push_back('"');
  size_t run = 0;  // start of the bytes not yet copied
  for (size_t i = 0; i < s.size();) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\' && c < 0x80) {
      ++i;
      continue;
    }
    if (c >= 0x80) {
      if (const size_t n = utf8_sequence(s, i)) {
        i += n;
        continue;
      }
      out.append(s.substr(run, i - run));
      out.append(kReplacement);
      i += invalid_length(s, i);
      run = i;
      continue;
    }
    out.append(s.substr(run, i - run));
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default: {
        static constexpr char hex[] = "0123456789abcdef";
        out += "\\u00";
        out.push_back(hex[c >> 4]);
        out.push_back(hex[c & 15]);
      }
    }
    ++i;
    run = i;
  }
  out.append(s.substr(run));
  out.push_back('"');
}

// Keys in byte order, as nlohmann's std::map-backed objects dump them.
void append_paper_json(std::string& out, const core::Paper& p, std::optional<double> score) {
  bool first = true;
  out.push_back('{');
  key(out, "abstract", first);
  append_json_string(out, p.abstract_display.empty() ? p.abstract : p.abstract_display);
  key(out, "abstract_raw", first);
  append_json_string(out, p.abstract);
  key(out, "announced", first);
  string_or_null(out, p.announced);
  key(out, "authors", first);
  out.push_back('[');
  for (size_t i = 0; i < p.authors.size(); ++i) {
    if (i) out.push_back(',');
    const core::Author& a = p.authors[i];
    out += "{";
    if (!a.affiliation.empty()) {
      out += "\"affiliation\":";
      append_json_string(out, a.affiliation);
      out += ",";
    }
    out += "\"name\":";
    append_json_string(out, a.name);
    if (!a.orcid.empty()) {
      out += ",\"orcid\":";
      append_json_string(out, a.orcid);
    }
    out += "}";
  }
  out.push_back(']');
  key(out, "categories", first);
  out.push_back('[');
  for (size_t i = 0; i < p.categories.size(); ++i) {
    if (i) out.push_back(',');
    append_json_string(out, p.categories[i]);
  }
  out.push_back(']');
  key(out, "comment", first);
  string_or_null(out, p.comment);
  key(out, "doi", first);
  string_or_null(out, p.doi);
  key(out, "history", first);
  out.push_back('[');
  for (size_t i = 0; i < p.history.size(); ++i) {
    if (i) out.push_back(',');
    const core::HistoryEvent& e = p.history[i];
    out += "{\"date\":";
    string_or_null(out, e.date);
    out += ",\"kind\":";
    append_json_string(out, e.kind);
    out += ",\"label\":";
    string_or_null(out, e.label);
    out += ",\"source\":";
    string_or_null(out, e.source);
    out += "}";
  }
  out.push_back(']');
  key(out, "id", first);
  append_json_string(out, json::display_id(p));
  key(out, "identifiers", first);
  out.push_back('[');
  bool first_id = true;
  auto identifier = [&](std::string_view scheme, const std::string& value) {
    out += first_id ? "{\"scheme\":" : ",{\"scheme\":";
    first_id = false;
    append_json_string(out, scheme);
    out += ",\"value\":";
    append_json_string(out, value);
    out += "}";
  };
  if (!p.arxiv_id.empty()) identifier("arxiv", p.arxiv_id);
  if (!p.doi.empty()) identifier("doi", p.doi);
  for (const core::Identifier& id : p.other_ids) identifier(id.scheme, id.value);
  out.push_back(']');
  key(out, "issue", first);
  string_or_null(out, p.issue);
  key(out, "journal_ref", first);
  string_or_null(out, p.journal_ref);
  key(out, "license", first);
  string_or_null(out, p.license);
  key(out, "links", first);
  out += "{\"abs\":";
  string_or_null(out, p.abs_url);
  out += ",\"doi\":";
  string_or_null(out, core::doi_url(p));
  out += ",\"pdf\":";
  string_or_null(out, p.pdf_url);
  out += "}";
  key(out, "pages", first);
  string_or_null(out, p.pages);
  key(out, "paper_id", first);
  if (p.paper_id > 0) {
    out += std::to_string(p.paper_id);
  } else {
    out += "null";
  }
  key(out, "primary_category", first);
  if (p.categories.empty()) {
    out += "null";
  } else {
    append_json_string(out, p.categories.front());
  }
  key(out, "published", first);
  string_or_null(out, p.published);
  key(out, "publisher", first);
  string_or_null(out, p.publisher);
  key(out, "records", first);
  out.push_back('[');
  for (size_t i = 0; i < p.records.size(); ++i) {
    if (i) out.push_back(',');
    const core::RecordRef& r = p.records[i];
    out += "{\"fetched_at\":";
    string_or_null(out, r.fetched_at);
    if (!r.fetched_from.empty()) {
      out += ",\"fetched_from\":";
      append_json_string(out, r.fetched_from);
    }
    out += ",\"source\":";
    append_json_string(out, r.source);
    out += ",\"source_id\":";
    append_json_string(out, r.source_id);
    out += "}";
  }
  out.push_back(']');
  key(out, "report_no", first);
  string_or_null(out, p.report_no);
  if (score) {
    key(out, "score", first);
    out += nlohmann::json(*score).dump();  // nlohmann's shortest round-trip form
  }
  key(out, "source", first);
  string_or_null(out, p.source);
  key(out, "status", first);
  const core::PaperStatus& st = p.status;
  out += st.concern ? "{\"concern\":true" : "{\"concern\":false";
  out += st.corrected ? ",\"corrected\":true" : ",\"corrected\":false";
  out += ",\"notices\":[";
  for (size_t i = 0; i < st.notice_dois.size(); ++i) {
    if (i) out.push_back(',');
    append_json_string(out, st.notice_dois[i]);
  }
  out += st.retracted ? "],\"retracted\":true" : "],\"retracted\":false";
  out += ",\"updated\":";
  if (st.update_kind.empty()) {
    out += "null";
  } else {
    out += "{\"date\":";
    string_or_null(out, st.update_date);
    out += ",\"kind\":";
    append_json_string(out, st.update_kind);
    out += "}";
  }
  out += "}";
  key(out, "submitter", first);
  string_or_null(out, p.submitter);
  key(out, "title", first);
  append_json_string(out, p.title_display.empty() ? p.title : p.title_display);
  key(out, "title_raw", first);
  append_json_string(out, p.title);
  key(out, "type", first);
  if (p.type == core::WorkType::unknown) {
    out += "null";
  } else {
    append_json_string(out, core::to_string(p.type));
  }
  key(out, "updated", first);
  string_or_null(out, p.updated);
  key(out, "venue", first);
  string_or_null(out, p.venue);
  key(out, "venue_short", first);
  string_or_null(out, p.venue_short);
  key(out, "version", first);
  if (p.version > 0) {
    out += std::to_string(p.version);
  } else {
    out += "null";
  }
  key(out, "version_date", first);
  string_or_null(out, p.version_date);
  key(out, "versions", first);
  out.push_back('[');
  for (size_t i = 0; i < p.versions.size(); ++i) {
    if (i) out.push_back(',');
    const core::PaperVersion& v = p.versions[i];
    out += "{\"date\":";
    string_or_null(out, v.date);
    out += ",\"size\":";
    string_or_null(out, v.size);
    out += ",\"version\":";
    out += std::to_string(v.version);
    out += "}";
  }
  out.push_back(']');
  key(out, "volume", first);
  string_or_null(out, p.volume);
  out.push_back('}');
}

}  // namespace ah::web
