// Internal to the arXiv parsers (not a public interface): loading an XML document in place with
// pugixml and reading elements by local name, ignoring namespace prefixes. Thread-compatible.
#pragma once

#include <cstddef>
#include <optional>
#include <pugixml.hpp>
#include <string>
#include <string_view>

#include "core/error.h"

namespace ah::sources::xml {

// A parsed document: its root element and, when the bytes stop being well-formed after the
// root's start tag (a file cut short, a stray byte), where. The tree then holds everything before
// the break; the elements still open at the break are partial (see complete()).
struct Document {
  pugi::xml_node root;
  std::optional<std::size_t> break_offset;  // byte where parsing stopped; nullopt: well-formed
  std::string break_reason;                 // pugixml's description: "Start-end tags mismatch"
  std::size_t size = 0;                     // bytes of the document
  bool broken() const { return break_offset.has_value(); }
};

// Parses `buffer` in place (pugixml keeps pointers into it: the buffer must outlive `doc`).
// Errors (bad_upstream_data, message naming `origin`): no root element `root_name` could be read
// (not well-formed before or at the root, with the byte offset and, for HTML pages, their text),
// or a root element whose local name is not `root_name` ("expected <OAI-PMH> but got <html>:
// Retry after 10 seconds"). A document that breaks off later is returned with break_offset set.
// `options` are pugixml's parse options (parse_ws_pcdata keeps the blanks between inline tags
// of mixed content, "<i>in</i> <i>situ</i>").
Result<Document> load(std::string& buffer, pugi::xml_document& doc, std::string_view origin,
                      std::string_view root_name, unsigned int options = pugi::parse_default);

// True when `element` ended before its document broke off: always in a well-formed document; in
// a broken one, when a sibling follows it or its end tag lies before the break. `original` is the
// document's text as it was before load() parsed its copy in place.
bool complete(const pugi::xml_node& element, const Document& document, std::string_view original);

// The error for a broken document whose records (`unit`, plural `units`: "entry", "entries") were
// read up to the break: "<origin>: not well-formed XML at byte 5120 of 5120: Start-end tags
// mismatch; the document breaks off in entry 3 (id 2401.00003); kept the 2 complete entries
// before it". `open_index` is the 1-based number of the record open at the break (0: none was),
// `open_id` its id when known. Code bad_upstream_data.
Error broken_error(std::string_view origin, const Document& document, std::string_view unit,
                   std::string_view units, std::size_t kept, std::size_t open_index,
                   std::string_view open_id);

// Local name of an element: "arxiv:doi" -> "doi".
std::string_view local_name(const pugi::xml_node& node);

// First child element with local name `name`, or an empty node.
pugi::xml_node child(const pugi::xml_node& node, std::string_view name);

// The text content of an element: its text and CDATA children concatenated (usually one, then no
// copy is made beyond the returned string).
std::string text(const pugi::xml_node& node);

// text() of the first child with local name `name`; empty when there is none.
std::string child_text(const pugi::xml_node& node, std::string_view name);

// The value of attribute `name` (exact name), or empty.
std::string_view attr(const pugi::xml_node& node, const char* name);

// Whitespace-collapsed text of a whole subtree, at most `max` bytes: for error messages.
std::string snippet(const pugi::xml_node& node, size_t max = 120);

}  // namespace ah::sources::xml
