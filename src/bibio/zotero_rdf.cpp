// Zotero RDF: Zotero's "Export Library... > Zotero RDF", RDF/XML with fixed prefixes (rdf, z, dc,
// dcterms, bib, foaf, prism, link). Each item is a child of rdf:RDF carrying z:itemType
// (bib:Article, bib:Book, rdf:Description for preprints, ...); journals, attachments and notes
// are children too and are not references. Identifiers sit in dc:identifier ("DOI 10.1/x",
// "PMID 123", or a dcterms:URI with the URL), the item's rdf:about (often its URL) and
// dc:description (Zotero's "Extra" field: "arXiv: 2401.01234", "PMID: 123").
#include <pugixml.hpp>
#include <string>
#include <utility>

#include "bibio/entries.h"

namespace ah::bibio::detail {
namespace {

// The name without its prefix: "dc:title" -> "title".
std::string_view local_name(const pugi::xml_node& n) {
  std::string_view name = n.name();
  const size_t colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

pugi::xml_node child(const pugi::xml_node& n, std::string_view qualified) {
  for (pugi::xml_node c : n.children()) {
    if (qualified == c.name()) return c;
  }
  return {};
}

// All the text under `n`, its pieces joined by blanks.
void append_text(const pugi::xml_node& n, std::string& out) {
  for (pugi::xml_node c : n.children()) {
    if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) {
      if (!out.empty()) out += ' ';
      out += c.value();
    } else if (c.type() == pugi::node_element) {
      append_text(c, out);
    }
  }
}

std::string all_text(const pugi::xml_node& n) {
  std::string out;
  append_text(n, out);
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() &&
         (s.front() == ' ' || s.front() == '\t' || s.front() == '\n' || s.front() == '\r'))
    s.remove_prefix(1);
  while (!s.empty() &&
         (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

bool is_item(const pugi::xml_node& n) {
  const pugi::xml_node type = child(n, "z:itemType");
  if (!type) return false;
  const std::string_view t = type.text().as_string();
  return t != "attachment" && t != "note";
}

std::string person(const pugi::xml_node& p) {
  std::string given, family;
  for (pugi::xml_node c : p.children()) {
    const std::string_view n = local_name(c);
    if (n == "givenName" || n == "givenname" || n == "firstName") given = c.text().as_string();
    if (n == "surname" || n == "family_name" || n == "lastName") family = c.text().as_string();
    if (n == "name" && family.empty()) family = c.text().as_string();
  }
  return clean_title(given.empty() ? family : given + " " + family);
}

Reference reference(const pugi::xml_node& item, const LineIndex& lines) {
  Reference ref;
  ref.line = lines.line_of(static_cast<size_t>(item.offset_debug()));
  ref.key = item.attribute("rdf:about").as_string();
  ref.title = clean_title(child(item, "dc:title").text().as_string());
  ref.year = year_in(child(item, "dc:date").text().as_string());
  if (pugi::xml_node authors = child(item, "bib:authors")) {
    for (pugi::xml_node li : authors.child("rdf:Seq").children("rdf:li")) {
      pugi::xml_node p = li.first_child();
      std::string name =
          p.type() == pugi::node_element ? person(p) : clean_title(li.text().as_string());
      if (!name.empty()) ref.authors.push_back(std::move(name));
    }
  }
  for (pugi::xml_node id : item.children("dc:identifier")) {
    const std::string text = all_text(id);
    const std::string_view t = trim(text);
    if (t.starts_with("DOI ")) take_doi(ref, t.substr(4));
    if (t.starts_with("PMID ")) take_pmid(ref, t.substr(5));
    scan_identifiers(ref, t);
  }
  scan_identifiers(ref, ref.key);
  for (const char* field : {"dc:description", "prism:number", "z:archiveID", "dc:relation"}) {
    for (pugi::xml_node n : item.children(field)) scan_identifiers(ref, all_text(n));
  }
  return ref;
}

}  // namespace

Result<ParseResult> parse_zotero_rdf(std::string_view text, std::string_view file_name) {
  const LineIndex lines(text);
  pugi::xml_document doc;
  const pugi::xml_parse_result parsed =
      doc.load_buffer(text.data(), text.size(), pugi::parse_default, pugi::encoding_utf8);
  if (!parsed) {
    return fail(ErrorCode::invalid_argument,
                at_line(file_name, lines.line_of(static_cast<size_t>(parsed.offset)),
                        std::string("not well-formed XML: ") + parsed.description()));
  }
  const pugi::xml_node root = doc.document_element();
  if (std::string_view(root.name()) != "rdf:RDF") {
    return fail(ErrorCode::invalid_argument,
                at_line(file_name, lines.line_of(static_cast<size_t>(root.offset_debug())),
                        "XML whose root is <" + std::string(root.name()) +
                            ">, not a Zotero RDF export (<rdf:RDF>)"));
  }
  Collector out(file_name, Format::zotero_rdf);
  for (pugi::xml_node n : root.children()) {
    if (n.type() != pugi::node_element || !is_item(n)) continue;
    out.add(reference(n, lines), "<" + std::string(n.name()) + ">");
  }
  return out.finish();
}

}  // namespace ah::bibio::detail
