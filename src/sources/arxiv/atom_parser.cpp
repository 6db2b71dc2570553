#include "sources/arxiv/atom_parser.h"

#include <charconv>

#include "core/identifiers.h"
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

// "https://arxiv.org/api/errors#incorrect_id_format_for_abc" -> "incorrect_id_format".
bool api_error_code(std::string_view id, std::string& code) {
  size_t at = id.find("/api/errors");
  if (at == std::string_view::npos) return false;
  size_t hash = id.find('#', at);
  code = hash == std::string_view::npos ? "error" : std::string(id.substr(hash + 1));
  if (size_t f = code.find("_for_"); f != std::string::npos) code.resize(f);
  if (code.empty()) code = "error";
  return true;
}

void read_entry(const pugi::xml_node& entry, core::Paper& p, std::string& doi_link) {
  std::string primary;
  std::vector<std::string> categories;
  for (pugi::xml_node c = entry.first_child(); c; c = c.next_sibling()) {
    if (c.type() != pugi::node_element) continue;
    std::string_view name = xml::local_name(c);
    if (name == "title") {
      p.title = xml::text(c);
    } else if (name == "summary") {
      p.abstract = xml::text(c);
    } else if (name == "published") {
      p.published = core::normalize_date(xml::text(c));
    } else if (name == "updated") {
      p.updated = core::normalize_date(xml::text(c));
    } else if (name == "author") {
      core::Author a;
      for (pugi::xml_node f = c.first_child(); f; f = f.next_sibling()) {
        std::string_view fname = xml::local_name(f);
        if (fname == "name") {
          a.name = xml::text(f);
        } else if (fname == "affiliation") {
          std::string aff(trim(xml::text(f)));
          if (aff.empty()) continue;
          if (!a.affiliation.empty()) a.affiliation += "; ";
          a.affiliation += aff;
        }
      }
      p.authors.push_back(std::move(a));
    } else if (name == "primary_category") {
      primary = xml::attr(c, "term");
    } else if (name == "category") {
      categories.emplace_back(xml::attr(c, "term"));
    } else if (name == "comment") {
      p.comment = xml::text(c);
    } else if (name == "journal_ref") {
      p.journal_ref = xml::text(c);
    } else if (name == "doi") {
      p.doi = first_doi(xml::text(c));
    } else if (name == "link") {
      std::string_view rel = xml::attr(c, "rel"), title = xml::attr(c, "title");
      std::string_view href = xml::attr(c, "href");
      if (title == "pdf") {
        p.pdf_url = href;
      } else if (title == "doi") {
        doi_link = href;
      } else if (rel == "alternate") {
        p.abs_url = href;
      }
    }
  }
  if (!primary.empty() && is_arxiv_category(primary)) p.categories.push_back(primary);
  for (std::string& c : categories) {
    if (is_arxiv_category(c)) p.categories.push_back(std::move(c));
  }
}

}  // namespace

Result<ParseResult> parse_atom(std::string_view bytes, std::string_view origin) {
  std::string buffer(bytes);
  pugi::xml_document doc;
  auto document = xml::load(buffer, doc, origin, "feed");
  if (!document) return std::unexpected(document.error());

  ParseResult out;
  std::size_t index = 0;
  for (pugi::xml_node c = document->root.first_child(); c; c = c.next_sibling()) {
    if (c.type() != pugi::node_element) continue;
    std::string_view name = xml::local_name(c);
    if (name == "totalResults") {
      out.info.total_results = to_int(xml::text(c));
    } else if (name == "startIndex") {
      out.info.start_index = to_int(xml::text(c));
    } else if (name == "itemsPerPage") {
      out.info.items_per_page = to_int(xml::text(c));
    } else if (name == "entry") {
      ++index;
      std::string id_text(trim(xml::child_text(c, "id")));
      if (!xml::complete(c, *document, bytes)) {
        out.truncated =
            xml::broken_error(origin, *document, "record", "records", index - 1, index, id_text);
        break;
      }
      std::string code;
      if (api_error_code(id_text, code)) {
        out.info.error_code = code;
        out.info.error_message = std::string(trim(xml::child_text(c, "summary")));
        continue;
      }
      core::Paper p;
      p.source = core::source::kArxivApi;
      std::string why = set_arxiv_id(p, id_text);
      if (!why.empty()) {
        out.rejected.push_back({record_where(origin, "record", index, id_text), why});
        continue;
      }
      std::string doi_link;
      read_entry(c, p, doi_link);
      if (trim(p.title).empty()) {
        out.rejected.push_back({record_where(origin, "record", index, id_text), "no title"});
        continue;
      }
      if (p.doi.empty() && !doi_link.empty()) p.doi = first_doi(doi_link);
      // The API's <updated> is when the newest version (the one this entry describes) appeared.
      p.version_date = p.updated;
      tidy_fields(p);
      if (auto capped = finalize_record(p, origin, "record", index)) {
        out.capped.push_back(std::move(*capped));
      }
      out.papers.push_back(std::move(p));
    }
  }
  if (document->broken() && !out.truncated) {
    out.truncated = xml::broken_error(origin, *document, "record", "records", index, 0, "");
  }
  if (!out.info.error_code.empty()) {
    out.info.answer = Answer::error;
    out.papers.clear();
    out.capped.clear();
  }
  return out;
}

}  // namespace ah::sources::arxiv
