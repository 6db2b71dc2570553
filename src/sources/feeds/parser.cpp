#include "sources/feeds/parser.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <pugixml.hpp>
#include <sstream>
#include <vector>

#include "core/identifiers.h"
#include "core/paper.h"
#include "core/text.h"
#include "sources/common/detect.h"
#include "sources/common/issn.h"
#include "sources/common/markup_text.h"
#include "sources/common/xml_util.h"
#include "sources/feeds/item_fields.h"

namespace ah::sources::feeds {
namespace {

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::string trim(std::string_view s) {
  while (!s.empty() && is_blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_blank(s.back())) s.remove_suffix(1);
  return std::string(s);
}

std::string_view prefix_of(const pugi::xml_node& node) {
  std::string_view name = node.name();
  const size_t colon = name.find(':');
  return colon == std::string_view::npos ? std::string_view() : name.substr(0, colon);
}

// An element's content as markup: its text, or its child elements written out (Atom's xhtml
// content, RSS bodies that hold XHTML unescaped).
std::string inner_markup(const pugi::xml_node& node) {
  bool elements = false;
  for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
    if (c.type() == pugi::node_element) elements = true;
  }
  if (!elements) return xml::text(node);
  std::ostringstream out;
  for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
    c.print(out, "", pugi::format_raw);
  }
  return out.str();
}

// What the channel (RSS) or feed (Atom) says about all its items.
struct Channel {
  std::string title, publication_name, publisher, language;
  std::vector<std::string> issns;
  std::string last_build_date, pub_date, date, updated;
};

// One item's elements, as given.
struct Item {
  std::string title, dc_title, link, guid, about, prism_url, atom_id;
  std::vector<std::string> atom_links;  // alternate first
  std::vector<std::string> bodies;      // content:encoded, descriptions, Atom content/summary
  std::string description;              // the RSS description (citation lines live there)
  std::vector<std::string> creators, atom_authors;
  std::string rss_author;
  std::string dc_date, publication_date, cover_date, pub_date, published, updated;
  std::string prism_doi;
  std::vector<std::string> identifiers;
  std::string publication_name, dc_source, volume, number, starting_page, ending_page, page_range;
  std::vector<std::string> sections;
  std::string publisher, rights, language;
  std::vector<std::string> issns;
};

void read_channel_element(const pugi::xml_node& c, Channel& ch) {
  const std::string_view name = xml::local_name(c);
  if (name == "title" && ch.title.empty()) {
    ch.title = markup_line(xml::text(c));
  } else if (name == "publicationName") {
    ch.publication_name = trim(xml::text(c));
  } else if (name == "publisher") {
    ch.publisher = trim(xml::text(c));
  } else if (name == "language") {
    ch.language = trim(xml::text(c));
  } else if (name == "issn" || name == "eIssn") {
    ch.issns.push_back(trim(xml::text(c)));
  } else if (name == "lastBuildDate") {
    ch.last_build_date = trim(xml::text(c));
  } else if (name == "pubDate") {
    ch.pub_date = trim(xml::text(c));
  } else if (name == "date") {
    ch.date = trim(xml::text(c));
  } else if (name == "updated") {
    ch.updated = trim(xml::text(c));
  }
}

Item read_item_elements(const pugi::xml_node& node) {
  Item it;
  it.about = trim(xml::attr(node, "rdf:about"));
  for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
    if (c.type() != pugi::node_element) continue;
    const std::string_view name = xml::local_name(c);
    const bool dc = prefix_of(c) == "dc";
    if (name == "title") {
      (dc ? it.dc_title : it.title) = xml::text(c);
    } else if (name == "link") {
      if (const std::string href = trim(xml::attr(c, "href")); !href.empty()) {
        const std::string_view rel = xml::attr(c, "rel");
        if (rel.empty() || rel == "alternate") {
          it.atom_links.insert(it.atom_links.begin(), href);
        } else if (rel != "self") {
          it.atom_links.push_back(href);
        }
      } else {
        it.link = trim(xml::text(c));
      }
    } else if (name == "guid") {
      it.guid = trim(xml::text(c));
    } else if (name == "id") {
      it.atom_id = trim(xml::text(c));
    } else if (name == "description") {
      std::string body = inner_markup(c);
      if (!dc) it.description = body;
      it.bodies.push_back(std::move(body));
    } else if (name == "encoded" || name == "content" || name == "summary" || name == "abstract") {
      it.bodies.push_back(inner_markup(c));
    } else if (name == "creator") {
      it.creators.push_back(xml::text(c));
    } else if (name == "author") {
      if (pugi::xml_node n = xml::child(c, "name")) {
        it.atom_authors.push_back(trim(xml::text(n)));
      } else {
        it.rss_author = xml::text(c);
      }
    } else if (name == "date") {
      it.dc_date = trim(xml::text(c));
    } else if (name == "publicationDate") {
      it.publication_date = trim(xml::text(c));
    } else if (name == "coverDate") {
      it.cover_date = trim(xml::text(c));
    } else if (name == "pubDate") {
      it.pub_date = trim(xml::text(c));
    } else if (name == "published") {
      it.published = trim(xml::text(c));
    } else if (name == "updated") {
      it.updated = trim(xml::text(c));
    } else if (name == "doi") {
      it.prism_doi = trim(xml::text(c));
    } else if (name == "identifier") {
      it.identifiers.push_back(trim(xml::text(c)));
    } else if (name == "url") {
      it.prism_url = trim(xml::text(c));
    } else if (name == "publicationName") {
      it.publication_name = trim(xml::text(c));
    } else if (name == "source" && dc) {
      it.dc_source = trim(xml::text(c));
    } else if (name == "volume") {
      it.volume = trim(xml::text(c));
    } else if (name == "number") {
      it.number = trim(xml::text(c));
    } else if (name == "startingPage") {
      it.starting_page = trim(xml::text(c));
    } else if (name == "endingPage") {
      it.ending_page = trim(xml::text(c));
    } else if (name == "pageRange") {
      it.page_range = trim(xml::text(c));
    } else if (name == "section") {
      it.sections.push_back(trim(xml::text(c)));
    } else if (name == "category") {
      std::string term = trim(xml::attr(c, "term"));
      it.sections.push_back(term.empty() ? trim(xml::text(c)) : term);
    } else if (name == "publisher") {
      it.publisher = trim(xml::text(c));
    } else if (name == "rights") {
      it.rights = trim(xml::text(c));
    } else if (name == "language") {
      it.language = trim(xml::text(c));
    } else if (name == "issn" || name == "eIssn") {
      it.issns.push_back(trim(xml::text(c)));
    }
  }
  return it;
}

// dc:source is a journal's name in PubMed's feeds, a citation in Nature's ("Nature, Published
// online: 2024-08-20; | doi:...").
bool is_plain_name(std::string_view s) {
  if (s.empty() || s.size() > 150) return false;
  for (char c : s) {
    if ((c >= '0' && c <= '9') || c == '|' || c == ';') return false;
  }
  return true;
}

std::string first_date(std::initializer_list<const std::string*> candidates) {
  for (const std::string* c : candidates) {
    if (std::string d = core::normalize_date(*c); !d.empty()) return d;
  }
  return {};
}

std::string where(std::string_view origin, std::size_t index, std::string_view id) {
  std::string out = fmt::format("{}: item {}", origin, index);
  if (!id.empty()) out += fmt::format(" (id {})", id);
  return out;
}

void read_item(const pugi::xml_node& node, std::size_t index, const Channel& channel,
               const FeedOptions& options, std::string_view origin, ParseResult& out) {
  const Item it = read_item_elements(node);
  core::Paper p;
  p.source = core::source::kJournalFeed;

  // Identity: a DOI wherever the feed puts one, else PubMed's ids.
  std::string doi = doi_from_identifier(it.prism_doi);
  for (const std::string& id : it.identifiers) {
    if (doi.empty()) doi = doi_from_identifier(id);
    std::string_view v = id;
    for (auto [prefix, scheme] : {std::pair<std::string_view, const char*>{"pmid:", "pmid"},
                                  {"pmc:", "pmcid"},
                                  {"pmcid:", "pmcid"}}) {
      if (v.starts_with(prefix)) {
        if (auto norm = core::normalize_identifier(scheme, v.substr(prefix.size()))) {
          p.other_ids.push_back(*norm);
        }
      }
    }
  }
  if (std::string_view g = it.guid; g.starts_with("pubmed:") && p.other_ids.empty()) {
    if (auto norm = core::normalize_identifier("pmid", g.substr(7))) p.other_ids.push_back(*norm);
  }
  std::vector<const std::string*> links{&it.guid, &it.prism_url, &it.link, &it.about};
  for (const std::string& l : it.atom_links) links.push_back(&l);
  links.push_back(&it.atom_id);
  for (const std::string* l : links) {
    if (doi.empty() && !l->empty()) doi = doi_from_identifier(*l);
  }
  const std::string link = !it.prism_url.empty()    ? it.prism_url
                           : !it.link.empty()       ? it.link
                           : !it.atom_links.empty() ? it.atom_links.front()
                                                    : it.about;
  p.doi = doi;
  p.source_id = !doi.empty() ? doi : !it.guid.empty() ? it.guid : link;

  p.title = markup_line(!trim(it.title).empty() ? it.title : it.dc_title, TextForm::display);
  if (p.title.empty()) {
    out.rejected.push_back({where(origin, index, p.source_id), "no title"});
    return;
  }
  bool has_pmid = false;
  for (const core::Identifier& id : p.other_ids) has_pmid = has_pmid || id.scheme == "pmid";
  if (doi.empty() && !has_pmid) {
    out.rejected.push_back(
        {where(origin, index, p.source_id),
         "no DOI: the item names none (prism:doi, dc:identifier, guid, or a link that holds "
         "one), so its record could never be linked to another source's"});
    return;
  }

  // Citation lines of the description: Elsevier's "Source: ..., Volume 167" and "Author(s):
  // ...", Wiley's "TAXON, Volume 70, Issue 6, Page 1339-1351, December 2021."
  std::string elsevier_source, elsevier_authors;
  const std::vector<std::string> description = markup_paragraphs(it.description);
  for (const std::string& line : description) {
    if (line.starts_with("Source:")) {
      elsevier_source = trim(std::string_view(line).substr(7));
      elsevier_source = elsevier_source.substr(0, elsevier_source.find(", Volume "));
    } else if (line.starts_with("Author(s):")) {
      elsevier_authors = trim(std::string_view(line).substr(10));
    }
  }

  std::vector<std::string> names;
  if (it.creators.size() > 1) {
    for (const std::string& c : it.creators) {
      std::string name = trim(c);
      while (!name.empty() && name.back() == ',') name.pop_back();
      names.push_back(trim(name));
    }
  } else if (it.creators.size() == 1) {
    names = split_author_list(it.creators[0]);
  } else if (!it.atom_authors.empty()) {
    names = it.atom_authors;
  } else if (!trim(it.rss_author).empty()) {
    names = split_author_list(it.rss_author);
  } else if (!elsevier_authors.empty()) {
    names = split_author_list(elsevier_authors);
  }
  for (std::string& n : names) {
    if (n.empty()) continue;
    core::Author author;
    author.name = std::move(n);
    p.authors.push_back(std::move(author));
  }

  p.published = first_date({&it.dc_date, &it.publication_date, &it.pub_date, &it.published,
                            &it.updated, &it.cover_date});
  p.updated = core::normalize_date(it.updated);

  p.venue = !it.publication_name.empty()        ? it.publication_name
            : is_plain_name(it.dc_source)       ? it.dc_source
            : !elsevier_source.empty()          ? elsevier_source
            : !options.venue.empty()            ? options.venue
            : !channel.publication_name.empty() ? channel.publication_name
                                                : venue_from_channel_title(channel.title);
  p.volume = it.volume;
  p.issue = it.number;
  if (!it.starting_page.empty()) {
    p.pages = it.starting_page;
    if (!it.ending_page.empty() && it.ending_page != it.starting_page) {
      p.pages += "-" + it.ending_page;
    }
  } else {
    p.pages = it.page_range;
  }
  for (const std::string& line : description) read_citation_line(line, p.volume, p.issue, p.pages);
  for (const std::vector<std::string>* list : {&it.issns, &channel.issns}) {
    for (const std::string& text : *list) {
      auto issn = format_issn(text);
      if (issn && std::find(p.issns.begin(), p.issns.end(), *issn) == p.issns.end()) {
        p.issns.push_back(*issn);
      }
    }
  }
  p.publisher = !it.publisher.empty() ? it.publisher : channel.publisher;
  const std::string language = !it.language.empty() ? it.language : channel.language;
  if (language.size() >= 2 && std::isalpha(static_cast<unsigned char>(language[0])) &&
      std::isalpha(static_cast<unsigned char>(language[1])) &&
      (language.size() == 2 || language[2] == '-' || language[2] == '_')) {
    p.language = {static_cast<char>(std::tolower(static_cast<unsigned char>(language[0]))),
                  static_cast<char>(std::tolower(static_cast<unsigned char>(language[1])))};
  }

  p.type = classify_item(p.title, it.sections, p.doi);
  p.abstract = choose_abstract(it.bodies, p.title);
  if (!link.empty()) p.abs_url = strip_tracking(link);
  if (it.rights.starts_with("http://") || it.rights.starts_with("https://")) p.license = it.rights;

  const core::Finalized f = core::finalize(p);
  if (f.authors_capped()) {
    out.capped.push_back({where(origin, index, p.source_id), f.authors_given});
  }
  out.papers.push_back(std::move(p));
}

Error html_error(std::string_view origin, std::string_view bytes) {
  return Error{
      ErrorCode::bad_upstream_data,
      fmt::format("{}: the feed answered with {}, not a feed", origin, describe_html_page(bytes))};
}

}  // namespace

Result<ParseResult> parse_feed_with(std::string_view bytes, std::string_view origin,
                                    const FeedOptions& options) {
  if (detect_format(bytes.substr(0, 4096), "") == Format::html)
    return std::unexpected(html_error(origin, bytes));
  std::string buffer(bytes);
  pugi::xml_document doc;
  const pugi::xml_parse_result parsed = doc.load_buffer_inplace(
      buffer.data(), buffer.size(), pugi::parse_default, pugi::encoding_utf8);
  const pugi::xml_node root = doc.document_element();
  const std::string_view root_name = root ? xml::local_name(root) : std::string_view();
  if (root_name == "html") return std::unexpected(html_error(origin, bytes));
  if (root_name != "rss" && root_name != "RDF" && root_name != "feed") {
    if (!parsed) {
      return fail(ErrorCode::bad_upstream_data,
                  fmt::format("{}: not well-formed XML at byte {} of {}: {}", origin, parsed.offset,
                              bytes.size(), parsed.description()));
    }
    return fail(ErrorCode::bad_upstream_data,
                fmt::format("{}: expected an RSS, RDF or Atom feed but got <{}>", origin,
                            root ? root.name() : ""));
  }
  xml::Document document;
  document.root = root;
  document.size = bytes.size();
  if (!parsed) {
    document.break_offset = static_cast<std::size_t>(parsed.offset);
    document.break_reason = parsed.description();
  }

  // RSS 2.0: <rss><channel>... <item>s</channel>; RSS 1.0: <rdf:RDF><channel/><item>s</rdf:RDF>;
  // Atom: <feed>... <entry>s</feed>.
  const bool atom = root_name == "feed";
  const pugi::xml_node channel_node = atom ? root : xml::child(root, "channel");
  if (!channel_node) {
    if (document.broken()) {
      return std::unexpected(xml::broken_error(origin, document, "item", "items", 0, 0, ""));
    }
    return fail(ErrorCode::bad_upstream_data,
                fmt::format("{}: <{}> without <channel>", origin, root.name()));
  }
  Channel channel;
  std::vector<pugi::xml_node> items;
  const std::string_view item_name = atom ? "entry" : "item";
  for (const pugi::xml_node parent : {channel_node, root}) {
    for (pugi::xml_node c = parent.first_child(); c; c = c.next_sibling()) {
      if (c.type() != pugi::node_element) continue;
      if (xml::local_name(c) == item_name) {
        items.push_back(c);
      } else if (parent == channel_node) {
        read_channel_element(c, channel);
      }
    }
    if (atom) break;  // the feed is its own channel
  }

  ParseResult out;
  std::size_t index = 0;
  for (const pugi::xml_node& item : items) {
    ++index;
    if (!xml::complete(item, document, bytes)) {
      out.truncated = xml::broken_error(origin, document, "item", "items", index - 1, index,
                                        trim(xml::child_text(item, "guid")));
      break;
    }
    read_item(item, index, channel, options, origin, out);
  }
  if (document.broken() && !out.truncated) {
    out.truncated = xml::broken_error(origin, document, "item", "items", index, 0, "");
  }
  out.info.last_build_date = !channel.last_build_date.empty() ? channel.last_build_date
                             : !channel.pub_date.empty()      ? channel.pub_date
                             : !channel.date.empty()          ? channel.date
                                                              : channel.updated;
  return out;
}

std::string describe_html_answer(std::string_view bytes) {
  const bool html = detect_format(bytes.substr(0, 4096), "") == Format::html;
  return html ? describe_html_page(bytes) : std::string();
}

Result<ParseResult> parse_feed(std::string_view bytes, std::string_view origin) {
  return parse_feed_with(bytes, origin, FeedOptions{});
}

}  // namespace ah::sources::feeds
