// Internal to the arXiv parsers (not a public interface): loading an XML document in place with
// pugixml and reading elements by local name, ignoring namespace prefixes. Thread-compatible.
#pragma once

#include <pugixml.hpp>
#include <string>
#include <string_view>

#include "core/error.h"

namespace ah::sources::arxiv::xml {

// Parses `buffer` in place (pugixml keeps pointers into it: the buffer must outlive `doc`) and
// returns the root element. Errors (bad_upstream_data, message naming `origin`): not well-formed
// XML (with the byte offset and, for HTML pages, their text), or a root element whose local name
// is not `root_name` ("expected <OAI-PMH> but got <html>: Retry after 10 seconds").
Result<pugi::xml_node> load(std::string& buffer, pugi::xml_document& doc, std::string_view origin,
                            std::string_view root_name);

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

}  // namespace ah::sources::arxiv::xml
