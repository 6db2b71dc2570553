#include "sources/arxiv/rss_parser.h"

#include "core/text.h"
#include "sources/arxiv/fields.h"
#include "sources/common/xml_util.h"

namespace ah::sources::arxiv {
namespace {

struct Description {
  std::string_view id;             // "arXiv:2401.01234v2", empty when absent
  std::string_view announce_type;  // "replace"
  std::string_view abstract;
};

// "arXiv:2401.01234v2 Announce Type: replace \nAbstract: Text..." -> its three parts. A
// description that does not follow the pattern is all abstract.
Description split_description(std::string_view d) {
  Description out;
  std::string_view t = trim(d);
  out.abstract = t;
  if (!t.starts_with("arXiv:")) return out;
  size_t end = t.find_first_of(" \t\r\n");
  out.id = t.substr(0, end);
  if (end == std::string_view::npos) {
    out.abstract = {};
    return out;
  }
  std::string_view rest = trim(t.substr(end));
  constexpr std::string_view kType = "Announce Type:";
  if (rest.starts_with(kType)) {
    rest = trim(rest.substr(kType.size()));
    size_t word_end = rest.find_first_of(" \t\r\n");
    out.announce_type = rest.substr(0, word_end);
    rest = word_end == std::string_view::npos ? std::string_view() : trim(rest.substr(word_end));
  }
  constexpr std::string_view kAbstract = "Abstract:";
  if (rest.starts_with(kAbstract)) rest = trim(rest.substr(kAbstract.size()));
  out.abstract = rest;
  return out;
}

// The calendar day of an RFC 822 date in its own zone: "Mon, 15 Jan 2024 23:00:00 -0500" ->
// "2024-01-15" (arXiv announces on its local, US Eastern, day).
std::string local_day(std::string_view date) {
  date = trim(date);
  size_t last_blank = date.find_last_of(' ');
  if (last_blank != std::string_view::npos) {
    std::string_view zone = date.substr(last_blank + 1);
    bool numeric = !zone.empty() && (zone[0] == '+' || zone[0] == '-');
    bool named = !zone.empty() && zone.find(':') == std::string_view::npos &&
                 (zone[0] < '0' || zone[0] > '9');
    if (numeric || named) date = date.substr(0, last_blank);
  }
  std::string normalized = core::normalize_date(date);
  return normalized.substr(0, 10);
}

void read_item(const pugi::xml_node& item, std::size_t index, std::string_view origin,
               ParseResult& out) {
  core::Paper p;
  p.source = core::source::kArxivRss;
  std::string description, guid, link, announce_type, creators;
  for (pugi::xml_node c = item.first_child(); c; c = c.next_sibling()) {
    if (c.type() != pugi::node_element) continue;
    std::string_view name = xml::local_name(c);
    if (name == "title") {
      p.title = xml::text(c);
    } else if (name == "description") {
      description = xml::text(c);
    } else if (name == "guid") {
      guid = trim(xml::text(c));
    } else if (name == "link") {
      link = trim(xml::text(c));
    } else if (name == "category") {
      std::string cat(trim(xml::text(c)));
      if (is_arxiv_category(cat)) p.categories.push_back(std::move(cat));
    } else if (name == "pubDate") {
      p.announced = local_day(xml::text(c));
    } else if (name == "announce_type") {
      announce_type = trim(xml::text(c));
    } else if (name == "creator") {
      if (!creators.empty()) creators += ", ";
      creators += xml::text(c);
    } else if (name == "rights") {
      p.license = trim(xml::text(c));
    } else if (name == "DOI" || name == "doi") {
      p.doi = first_doi(xml::text(c));
    } else if (name == "journal_reference" || name == "journal_ref") {
      p.journal_ref = xml::text(c);
    }
  }
  Description d = split_description(description);
  std::string id_text(d.id.empty() ? (guid.empty() ? link : guid) : std::string(d.id));
  std::string why = set_arxiv_id(p, id_text);
  if (!why.empty()) {
    out.rejected.push_back({record_where(origin, "item", index, id_text), why});
    return;
  }
  if (trim(p.title).empty()) {
    out.rejected.push_back({record_where(origin, "item", index, p.arxiv_id), "no title"});
    return;
  }
  p.abstract = std::string(d.abstract);
  p.announce_type = announce_type.empty() ? std::string(d.announce_type) : announce_type;
  p.authors = split_authors(creators);
  if (!link.empty()) p.abs_url = link;
  tidy_fields(p);
  if (auto capped = finalize_record(p, origin, "item", index)) {
    out.capped.push_back(std::move(*capped));
  }
  out.papers.push_back(std::move(p));
}

}  // namespace

Result<ParseResult> parse_rss(std::string_view bytes, std::string_view origin) {
  std::string buffer(bytes);
  pugi::xml_document doc;
  auto document = xml::load(buffer, doc, origin, "rss");
  if (!document) return std::unexpected(document.error());
  pugi::xml_node channel = xml::child(document->root, "channel");
  if (!channel) {
    if (document->broken()) {
      return std::unexpected(xml::broken_error(origin, *document, "item", "items", 0, 0, ""));
    }
    return fail(ErrorCode::bad_upstream_data, std::string(origin) + ": <rss> without <channel>");
  }
  ParseResult out;
  std::string pub_date;
  std::size_t index = 0;
  for (pugi::xml_node c = channel.first_child(); c; c = c.next_sibling()) {
    if (c.type() != pugi::node_element) continue;
    std::string_view name = xml::local_name(c);
    if (name == "lastBuildDate") {
      out.info.last_build_date = trim(xml::text(c));
    } else if (name == "pubDate") {
      pub_date = trim(xml::text(c));
    } else if (name == "item") {
      ++index;
      if (!xml::complete(c, *document, bytes)) {
        out.truncated = xml::broken_error(origin, *document, "item", "items", index - 1, index,
                                          trim(xml::child_text(c, "guid")));
        break;
      }
      read_item(c, index, origin, out);
    }
  }
  if (document->broken() && !out.truncated) {
    out.truncated = xml::broken_error(origin, *document, "item", "items", index, 0, "");
  }
  if (out.info.last_build_date.empty()) out.info.last_build_date = pub_date;
  return out;
}

}  // namespace ah::sources::arxiv
