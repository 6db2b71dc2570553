#include "sources/common/xml_util.h"

#include <algorithm>
#include <cstring>

namespace ah::sources::xml {
namespace {

bool contains_ci(std::string_view hay, std::string_view needle) {
  if (needle.size() > hay.size()) return false;
  for (size_t i = 0; i + needle.size() <= hay.size(); ++i) {
    size_t k = 0;
    while (k < needle.size() && (hay[i + k] | 0x20) == (needle[k] | 0x20)) ++k;
    if (k == needle.size()) return true;
  }
  return false;
}

// Visible text of an HTML page, roughly: tags dropped, blanks collapsed, at most `max` bytes.
std::string html_text(std::string_view html, size_t max) {
  std::string out;
  bool in_tag = false, blank = false;
  for (char c : html) {
    if (c == '<') {
      in_tag = true;
      blank = true;
      continue;
    }
    if (c == '>') {
      in_tag = false;
      continue;
    }
    if (in_tag) continue;
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      blank = true;
      continue;
    }
    if (blank && !out.empty()) out.push_back(' ');
    blank = false;
    out.push_back(c);
    if (out.size() >= max) break;
  }
  return out;
}

}  // namespace

Result<Document> load(std::string& buffer, pugi::xml_document& doc, std::string_view origin,
                      std::string_view root_name, unsigned int options) {
  std::string head = buffer.substr(0, 2048);
  pugi::xml_parse_result parsed =
      doc.load_buffer_inplace(buffer.data(), buffer.size(), options, pugi::encoding_utf8);
  bool html = contains_ci(head, "<html") || contains_ci(head, "<!doctype html");
  pugi::xml_node root = doc.document_element();
  const bool root_read = root && local_name(root) == root_name;
  if (!parsed && !root_read) {
    std::string message = std::string(origin) + ": not well-formed XML at byte " +
                          std::to_string(parsed.offset) + " of " + std::to_string(buffer.size()) +
                          ": " + parsed.description();
    if (html) message += "; it is an HTML page: '" + html_text(head, 160) + "'";
    return fail(ErrorCode::bad_upstream_data, std::move(message));
  }
  if (!root) {
    return fail(ErrorCode::bad_upstream_data, std::string(origin) + ": empty document, expected <" +
                                                  std::string(root_name) + ">");
  }
  if (!root_read) {
    return fail(ErrorCode::bad_upstream_data,
                std::string(origin) + ": expected <" + std::string(root_name) + "> but got <" +
                    root.name() + ">" + (html ? " (an HTML page)" : "") + ": '" + snippet(root) +
                    "'");
  }
  Document out;
  out.root = root;
  out.size = buffer.size();
  if (!parsed) {
    // pugixml keeps the tree it built before the error: the records before the break are whole.
    out.break_offset = static_cast<std::size_t>(parsed.offset);
    out.break_reason = parsed.description();
  }
  return out;
}

bool complete(const pugi::xml_node& element, const Document& document, std::string_view original) {
  if (!document.broken() || element.next_sibling()) return true;
  const std::ptrdiff_t start = element.offset_debug();
  if (start < 0) return false;
  // Records do not nest, so the first end tag of the element's name after its start is its own.
  // It counts when it starts before the break (pugixml reports a document cut right after an end
  // tag at that tag's last byte) and is whole.
  const std::string close = "</" + std::string(element.name());
  const std::size_t at = original.find(close, static_cast<std::size_t>(start));
  if (at == std::string_view::npos || at >= *document.break_offset) return false;
  std::size_t k = at + close.size();
  while (k < original.size() && (original[k] == ' ' || original[k] == '\t' || original[k] == '\n' ||
                                 original[k] == '\r')) {
    ++k;
  }
  return k < original.size() && original[k] == '>';
}

Error broken_error(std::string_view origin, const Document& document, std::string_view unit,
                   std::string_view units, std::size_t kept, std::size_t open_index,
                   std::string_view open_id) {
  std::string where;
  if (open_index > 0) {
    where = "in " + std::string(unit) + " " + std::to_string(open_index);
    if (!open_id.empty()) where += " (id " + std::string(open_id) + ")";
  } else if (kept > 0) {
    where = "after " + std::string(unit) + " " + std::to_string(kept);
  } else {
    where = "before the first " + std::string(unit);
  }
  return Error{ErrorCode::bad_upstream_data,
               std::string(origin) + ": not well-formed XML at byte " +
                   std::to_string(document.break_offset.value_or(0)) + " of " +
                   std::to_string(document.size) + ": " + document.break_reason +
                   "; the document breaks off " + where + "; kept the " + std::to_string(kept) +
                   " complete " + std::string(kept == 1 ? unit : units) + " before it"};
}

std::string_view local_name(const pugi::xml_node& node) {
  std::string_view name = node.name();
  size_t colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

pugi::xml_node child(const pugi::xml_node& node, std::string_view name) {
  for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
    if (c.type() == pugi::node_element && local_name(c) == name) return c;
  }
  return {};
}

std::string text(const pugi::xml_node& node) {
  std::string out;
  for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
    if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) out += c.value();
  }
  return out;
}

std::string child_text(const pugi::xml_node& node, std::string_view name) {
  pugi::xml_node c = child(node, name);
  return c ? text(c) : std::string();
}

std::string_view attr(const pugi::xml_node& node, const char* name) {
  return node.attribute(name).value();
}

std::string snippet(const pugi::xml_node& node, size_t max) {
  std::string out;
  bool blank = false;
  struct Walker : pugi::xml_tree_walker {
    std::string* out;
    bool* blank;
    size_t max;
    bool for_each(pugi::xml_node& n) override {
      if (n.type() != pugi::node_pcdata && n.type() != pugi::node_cdata) return true;
      for (const char* p = n.value(); *p; ++p) {
        char c = *p;
        if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
          *blank = true;
          continue;
        }
        if (*blank && !out->empty()) out->push_back(' ');
        *blank = false;
        out->push_back(c);
        if (out->size() >= max) return false;
      }
      *blank = true;
      return true;
    }
  };
  Walker w;
  w.out = &out;
  w.blank = &blank;
  w.max = max;
  pugi::xml_node copy = node;
  copy.traverse(w);
  return out;
}

}  // namespace ah::sources::xml
