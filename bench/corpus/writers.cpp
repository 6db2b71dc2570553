#include "corpus/writers.h"

#include <fmt/format.h>

#include <algorithm>

#include "corpus/calendar.h"
#include "corpus/tables.h"

namespace ah::bench {
namespace {

constexpr char kHex[] = "0123456789abcdef";

void append_u_escape(std::uint32_t unit, std::string& out) {
  const char esc[] = {
      '\\',           'u', kHex[(unit >> 12) & 15], kHex[(unit >> 8) & 15], kHex[(unit >> 4) & 15],
      kHex[unit & 15]};
  out.append(esc, sizeof esc);
}

// A JSON string as Python's json.dumps writes it (ensure_ascii): quotes, backslashes and control
// characters escaped, every non-ASCII code point as \uXXXX (surrogate pairs above the BMP).
void append_json_string(std::string_view s, std::string& out) {
  out += '"';
  std::size_t i = 0;
  while (i < s.size()) {
    // Copy the run of plain ASCII at once.
    std::size_t j = i;
    while (j < s.size()) {
      const auto c = static_cast<unsigned char>(s[j]);
      if (c < 0x20 || c == '"' || c == '\\' || c >= 0x80) break;
      ++j;
    }
    out.append(s.data() + i, j - i);
    if (j == s.size()) break;
    const auto c = static_cast<unsigned char>(s[j]);
    if (c == '"') {
      out += "\\\"";
      i = j + 1;
    } else if (c == '\\') {
      out += "\\\\";
      i = j + 1;
    } else if (c == '\n') {
      out += "\\n";
      i = j + 1;
    } else if (c == '\t') {
      out += "\\t";
      i = j + 1;
    } else if (c < 0x20) {
      append_u_escape(c, out);
      i = j + 1;
    } else {
      // Decode one UTF-8 sequence; the generator only produces valid UTF-8.
      const int len = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
      std::uint32_t cp = c & (0x7f >> len);
      for (int k = 1; k < len && j + k < s.size(); ++k) {
        cp = (cp << 6) | (static_cast<unsigned char>(s[j + k]) & 0x3f);
      }
      if (cp >= 0x10000) {
        cp -= 0x10000;
        append_u_escape(0xd800 + (cp >> 10), out);
        append_u_escape(0xdc00 + (cp & 0x3ff), out);
      } else {
        append_u_escape(cp, out);
      }
      i = j + static_cast<std::size_t>(len);
    }
  }
  out += '"';
}

void append_json_or_null(std::string_view s, std::string& out) {
  if (s.empty()) {
    out += "null";
  } else {
    append_json_string(s, out);
  }
}

void append_categories(const SyntheticRecord& r, std::string& out) {
  for (std::size_t i = 0; i < r.categories.size(); ++i) {
    if (i > 0) out += ' ';
    out += r.categories[i];
  }
}

// XML character data and attribute values: arXiv's OAI output escapes quotes too.
void append_xml(std::string_view s, std::string& out) {
  std::size_t i = 0;
  while (i < s.size()) {
    const std::size_t j = s.find_first_of("&<>\"", i);
    out.append(s.substr(i, j == std::string_view::npos ? s.size() - i : j - i));
    if (j == std::string_view::npos) break;
    switch (s[j]) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      default:
        out += "&quot;";
    }
    i = j + 1;
  }
}

void append_element(std::string_view name, std::string_view text, std::string& out) {
  if (text.empty()) return;
  out += '<';
  out += name;
  out += '>';
  append_xml(text, out);
  out += "</";
  out += name;
  out += '>';
}

}  // namespace

void append_snapshot_line(const SyntheticRecord& r, std::string& out) {
  out += "{\"id\":";
  append_json_string(r.id, out);
  out += ",\"submitter\":";
  append_json_or_null(r.submitter, out);
  out += ",\"authors\":";
  append_json_string(r.authors_raw, out);
  out += ",\"title\":";
  append_json_string(r.title, out);
  out += ",\"comments\":";
  append_json_or_null(r.comments, out);
  out += ",\"journal-ref\":";
  append_json_or_null(r.journal_ref, out);
  out += ",\"doi\":";
  append_json_or_null(r.doi, out);
  out += ",\"report-no\":";
  append_json_or_null(r.report_no, out);
  out += ",\"categories\":\"";
  append_categories(r, out);
  out += "\",\"license\":";
  append_json_or_null(r.license, out);
  out += ",\"abstract\":";
  append_json_string(r.abstract, out);
  out += ",\"versions\":[";
  for (std::size_t v = 0; v < r.versions.size(); ++v) {
    fmt::format_to(std::back_inserter(out), "{}{{\"version\":\"v{}\",\"created\":\"",
                   v > 0 ? "," : "", v + 1);
    append_rfc2822(r.versions[v], out);
    out += "\"}";
  }
  out += "],\"update_date\":\"";
  append_iso_day(r.updated, out);
  out += "\",\"authors_parsed\":[";
  for (std::size_t i = 0; i < r.authors.size(); ++i) {
    const SyntheticAuthor& a = r.authors[i];
    out += i > 0 ? ",[" : "[";
    append_json_string(a.keyname_utf8, out);
    out += ',';
    append_json_string(a.forenames_utf8, out);
    out += ',';
    append_json_string(a.suffix, out);
    if (!a.affiliation.empty()) {
      out += ',';
      append_json_string(a.affiliation, out);
    }
    out += ']';
  }
  out += "]}\n";
}

void append_oai_record(const SyntheticRecord& r, std::string& out) {
  out += "<record>\n<header>\n <identifier>oai:arXiv.org:";
  out += r.id;
  out += "</identifier>\n <datestamp>";
  append_iso_day(r.updated, out);
  out += "</datestamp>\n";
  std::string_view specs[4];
  std::size_t n_specs = 0;
  for (std::string_view c : r.categories) {
    const std::string_view spec = set_spec_of(c);
    if (std::find(specs, specs + n_specs, spec) != specs + n_specs || n_specs == 4) continue;
    specs[n_specs++] = spec;
    out += " <setSpec>";
    out += spec;
    out += "</setSpec>\n";
  }
  out +=
      "</header>\n<metadata>\n <arXiv xmlns=\"http://arxiv.org/OAI/arXiv/\" "
      "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
      "xsi:schemaLocation=\"http://arxiv.org/OAI/arXiv/ http://arxiv.org/OAI/arXiv.xsd\">\n <id>";
  out += r.id;
  out += "</id><created>";
  append_iso_day(r.versions.front(), out);
  out += "</created>";
  if (r.versions.size() > 1) {
    out += "<updated>";
    append_iso_day(r.versions.back(), out);
    out += "</updated>";
  }
  out += "<authors>";
  for (const SyntheticAuthor& a : r.authors) {
    out += "<author>";
    append_element("keyname", a.keyname_utf8, out);
    append_element("forenames", a.forenames_utf8, out);
    append_element("suffix", a.suffix, out);
    append_element("affiliation", a.affiliation, out);
    out += "</author>";
  }
  out += "</authors>";
  append_element("title", r.title, out);
  out += "<categories>";
  append_categories(r, out);
  out += "</categories>";
  append_element("comments", r.comments, out);
  append_element("report-no", r.report_no, out);
  append_element("journal-ref", r.journal_ref, out);
  append_element("doi", r.doi, out);
  append_element("license", r.license, out);
  append_element("abstract", r.abstract, out);
  out += "</arXiv>\n</metadata>\n</record>\n";
}

std::int64_t write_snapshot(CorpusGenerator& generator, std::size_t chunk_bytes,
                            const std::function<void(std::string_view)>& sink) {
  std::string buffer;
  buffer.reserve(chunk_bytes + 64 * 1024);
  SyntheticRecord record;
  std::int64_t written = 0;
  while (generator.next(record)) {
    append_snapshot_line(record, buffer);
    ++written;
    if (buffer.size() >= chunk_bytes) {
      sink(buffer);
      buffer.clear();
    }
  }
  if (!buffer.empty()) sink(buffer);
  return written;
}

int write_oai_pages(CorpusGenerator& generator, const OaiPagingOptions& options,
                    const std::function<void(const OaiPage&)>& sink) {
  const std::size_t page_size = std::max<std::size_t>(options.page_size, 1);
  const std::int64_t total = generator.total();
  const bool single_page = total - generator.produced() <= static_cast<std::int64_t>(page_size);
  std::string page;
  SyntheticRecord record;
  int number = 0;
  std::string token;  // the token that asked for the current page
  while (generator.produced() < total) {
    const std::int64_t cursor = generator.produced();
    page.assign(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<OAI-PMH xmlns=\"http://www.openarchives.org/OAI/2.0/\" "
        "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
        "xsi:schemaLocation=\"http://www.openarchives.org/OAI/2.0/ "
        "http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd\">\n<responseDate>");
    page += options.response_date;
    page += "</responseDate>\n";
    if (token.empty()) {
      page += "<request verb=\"ListRecords\" metadataPrefix=\"arXiv\">";
    } else {
      fmt::format_to(std::back_inserter(page),
                     "<request verb=\"ListRecords\" "
                     "resumptionToken=\"{}\">",
                     token);
    }
    page += "http://export.arxiv.org/oai2</request>\n<ListRecords>\n";
    for (std::size_t i = 0; i < page_size && generator.next(record); ++i) {
      append_oai_record(record, page);
    }
    const bool last = generator.produced() >= total;
    if (!single_page) {
      token = last ? std::string() : fmt::format("{}|{}", options.batch, generator.produced() + 1);
      fmt::format_to(
          std::back_inserter(page),
          "<resumptionToken cursor=\"{}\" completeListSize=\"{}\">{}</resumptionToken>\n", cursor,
          total, token);
    }
    page += "</ListRecords>\n</OAI-PMH>\n";
    sink(OaiPage{++number, cursor, last, page});
  }
  return number;
}

}  // namespace ah::bench
