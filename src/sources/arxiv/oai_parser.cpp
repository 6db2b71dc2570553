#include "sources/arxiv/oai_parser.h"

#include <charconv>

#include "core/text.h"
#include "sources/arxiv/fields.h"
#include "sources/common/xml_util.h"

namespace ah::sources::arxiv {
namespace {

std::optional<std::int64_t> to_int(std::string_view text) {
  text = trim(text);
  std::int64_t value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size()) return std::nullopt;
  return value;
}

// Fields common to the arXiv and arXivRaw formats; returns false for an unknown element.
bool common_field(std::string_view name, const pugi::xml_node& c, core::Paper& p) {
  if (name == "id") {
    // handled by the caller
  } else if (name == "title") {
    p.title = xml::text(c);
  } else if (name == "abstract") {
    p.abstract = xml::text(c);
  } else if (name == "categories") {
    append_categories(xml::text(c), p.categories);
  } else if (name == "comments") {
    p.comment = xml::text(c);
  } else if (name == "journal-ref") {
    p.journal_ref = xml::text(c);
  } else if (name == "doi") {
    p.doi = first_doi(xml::text(c));
  } else if (name == "report-no") {
    p.report_no = xml::text(c);
  } else if (name == "license") {
    p.license = std::string(trim(xml::text(c)));
  } else if (name == "submitter") {
    p.submitter = xml::text(c);
  } else {
    return false;
  }
  return true;
}

// metadataPrefix=arXiv
void read_arxiv(const pugi::xml_node& m, core::Paper& p) {
  std::string created, updated;
  for (pugi::xml_node c = m.first_child(); c; c = c.next_sibling()) {
    if (c.type() != pugi::node_element) continue;
    std::string_view name = xml::local_name(c);
    if (common_field(name, c, p)) continue;
    if (name == "created") {
      created = core::normalize_date(xml::text(c));
    } else if (name == "updated") {
      updated = core::normalize_date(xml::text(c));
    } else if (name == "authors") {
      for (pugi::xml_node a = xml::child(c, "author"); a; a = a.next_sibling()) {
        if (xml::local_name(a) != "author") continue;
        core::Author author;
        std::string forenames(trim(xml::child_text(a, "forenames")));
        std::string keyname(trim(xml::child_text(a, "keyname")));
        std::string suffix(trim(xml::child_text(a, "suffix")));
        author.name = forenames.empty() ? keyname : forenames + " " + keyname;
        if (!suffix.empty()) author.name += " " + suffix;
        for (pugi::xml_node f = xml::child(a, "affiliation"); f; f = f.next_sibling()) {
          if (xml::local_name(f) != "affiliation") continue;
          std::string aff(trim(xml::text(f)));
          if (aff.empty()) continue;
          if (!author.affiliation.empty()) author.affiliation += "; ";
          author.affiliation += aff;
        }
        p.authors.push_back(std::move(author));
      }
    }
  }
  p.published = created;
  // arXiv lists <updated> only for papers with more than one version.
  if (updated.empty()) {
    if (p.version == 0) p.version = 1;
    p.version_date = created;
  } else {
    p.version_date = updated;
  }
  p.updated = later_date(created, updated);
}

// metadataPrefix=arXivRaw
void read_arxiv_raw(const pugi::xml_node& m, core::Paper& p) {
  for (pugi::xml_node c = m.first_child(); c; c = c.next_sibling()) {
    if (c.type() != pugi::node_element) continue;
    std::string_view name = xml::local_name(c);
    if (common_field(name, c, p)) continue;
    if (name == "version") {
      std::string_view v = trim(xml::attr(c, "version"));
      if (!v.empty() && (v[0] == 'v' || v[0] == 'V')) v.remove_prefix(1);
      int number = 0;
      auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), number);
      if (ec != std::errc() || ptr != v.data() + v.size() || number <= 0) continue;
      p.versions.push_back({number, core::normalize_date(xml::child_text(c, "date")),
                            std::string(trim(xml::child_text(c, "size")))});
    } else if (name == "authors") {
      p.authors = split_authors(xml::text(c));
    }
  }
  for (const core::PaperVersion& v : p.versions) p.updated = later_date(p.updated, v.date);
}

// "Last, First" -> "First Last".
std::string dc_name(std::string_view creator) {
  creator = trim(creator);
  size_t comma = creator.find(',');
  if (comma == std::string_view::npos) return std::string(creator);
  std::string first(trim(creator.substr(comma + 1))), last(trim(creator.substr(0, comma)));
  return first.empty() ? last : first + " " + last;
}

// metadataPrefix=oai_dc
void read_dc(const pugi::xml_node& m, core::Paper& p) {
  std::vector<std::string> dates;
  for (pugi::xml_node c = m.first_child(); c; c = c.next_sibling()) {
    if (c.type() != pugi::node_element) continue;
    std::string_view name = xml::local_name(c);
    if (name == "title") {
      p.title = xml::text(c);
    } else if (name == "creator") {
      p.authors.push_back({dc_name(xml::text(c)), ""});
    } else if (name == "description") {
      std::string d = xml::text(c);
      std::string_view t = trim(d);
      if (t.starts_with("Comment:")) {
        p.comment = std::string(trim(t.substr(8)));
      } else if (p.abstract.empty()) {
        p.abstract = std::move(d);
      }
    } else if (name == "date") {
      std::string date = core::normalize_date(xml::text(c));
      if (!date.empty()) dates.push_back(std::move(date));
    } else if (name == "identifier") {
      std::string identifier = xml::text(c);
      std::string_view id = trim(identifier);
      if (p.doi.empty() && (id.starts_with("doi:") || id.starts_with("10."))) p.doi = first_doi(id);
    } else if (name == "rights") {
      p.license = std::string(trim(xml::text(c)));
    }
  }
  // arXiv lists one <dc:date> per version, oldest first.
  if (!dates.empty()) {
    p.published = dates.front();
    for (size_t k = 0; k < dates.size(); ++k) {
      p.versions.push_back({static_cast<int>(k + 1), dates[k], ""});
    }
  }
}

void read_record(const pugi::xml_node& record, std::size_t index, std::string_view origin,
                 ParseResult& out) {
  pugi::xml_node header = xml::child(record, "header");
  std::string identifier(trim(xml::child_text(header, "identifier")));
  std::string datestamp = core::normalize_date(xml::child_text(header, "datestamp"));
  pugi::xml_node metadata = xml::child(record, "metadata");
  pugi::xml_node m = metadata.first_child();
  while (m && m.type() != pugi::node_element) m = m.next_sibling();

  auto reject = [&](std::string_view id, std::string why) {
    out.rejected.push_back({record_where(origin, "record", index, id), std::move(why)});
  };
  if (xml::attr(header, "status") == "deleted") {
    reject(identifier, "marked deleted upstream (no metadata)");
    return;
  }
  if (!m) {
    reject(identifier, "no metadata");
    return;
  }
  std::string_view format = xml::local_name(m);
  std::string id_text(trim(xml::child_text(m, "id")));
  if (id_text.empty()) id_text = identifier;

  core::Paper p;
  p.source = core::source::kArxivOai;
  std::string why = set_arxiv_id(p, id_text);
  if (!why.empty()) {
    reject(id_text, why);
    return;
  }
  if (format == "arXiv") {
    read_arxiv(m, p);
  } else if (format == "arXivRaw") {
    read_arxiv_raw(m, p);
  } else if (format == "dc") {
    read_dc(m, p);
  } else {
    reject(p.arxiv_id, "unsupported metadata format <" + std::string(m.name()) + ">");
    return;
  }
  if (trim(p.title).empty()) {
    reject(p.arxiv_id, "no title");
    return;
  }
  // The header datestamp is the last change of the record's metadata.
  p.updated = later_date(p.updated, datestamp);
  tidy_fields(p);
  if (auto capped = finalize_record(p, origin, "record", index)) {
    out.capped.push_back(std::move(*capped));
  }
  out.papers.push_back(std::move(p));
}

}  // namespace

Result<ParseResult> parse_oai(std::string_view bytes, std::string_view origin) {
  std::string buffer(bytes);
  pugi::xml_document doc;
  auto document = xml::load(buffer, doc, origin, "OAI-PMH");
  if (!document) return std::unexpected(document.error());

  ParseResult out;
  std::size_t index = 0;
  for (pugi::xml_node c = document->root.first_child(); c && !out.truncated; c = c.next_sibling()) {
    if (c.type() != pugi::node_element) continue;
    std::string_view name = xml::local_name(c);
    if (name == "responseDate") {
      out.info.response_date = std::string(trim(xml::text(c)));
    } else if (name == "error") {
      if (out.info.error_code.empty()) {
        out.info.error_code = std::string(xml::attr(c, "code"));
        if (out.info.error_code.empty()) out.info.error_code = "error";
        out.info.error_message = std::string(trim(xml::text(c)));
      }
    } else if (name == "ListRecords" || name == "GetRecord") {
      for (pugi::xml_node r = c.first_child(); r; r = r.next_sibling()) {
        if (r.type() != pugi::node_element) continue;
        std::string_view rname = xml::local_name(r);
        if (rname == "record") {
          ++index;
          if (!xml::complete(r, *document, bytes)) {
            std::string id(trim(xml::child_text(xml::child(r, "header"), "identifier")));
            out.truncated =
                xml::broken_error(origin, *document, "record", "records", index - 1, index, id);
            break;
          }
          read_record(r, index, origin, out);
        } else if (rname == "resumptionToken") {
          out.info.resumption_token = std::string(trim(xml::text(r)));
          out.info.complete_list_size = to_int(xml::attr(r, "completeListSize"));
          out.info.cursor = to_int(xml::attr(r, "cursor"));
        }
      }
    }
  }
  if (document->broken() && !out.truncated) {
    out.truncated = xml::broken_error(origin, *document, "record", "records", index, 0, "");
  }
  if (!out.info.error_code.empty()) {
    out.info.answer = out.info.error_code == "noRecordsMatch" ? Answer::no_records : Answer::error;
    out.papers.clear();
    out.rejected.clear();
    out.capped.clear();
  }
  return out;
}

}  // namespace ah::sources::arxiv
