#include "sources/arxiv/xml_util.h"

#include <cstring>

namespace ah::sources::arxiv::xml {
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

Result<pugi::xml_node> load(std::string& buffer, pugi::xml_document& doc, std::string_view origin,
                            std::string_view root_name) {
  std::string head = buffer.substr(0, 2048);
  pugi::xml_parse_result parsed = doc.load_buffer_inplace(buffer.data(), buffer.size(),
                                                          pugi::parse_default, pugi::encoding_utf8);
  bool html = contains_ci(head, "<html") || contains_ci(head, "<!doctype html");
  if (!parsed) {
    std::string message = std::string(origin) + ": not well-formed XML at byte " +
                          std::to_string(parsed.offset) + " of " + std::to_string(buffer.size()) +
                          ": " + parsed.description();
    if (html) message += "; it is an HTML page: '" + html_text(head, 160) + "'";
    return fail(ErrorCode::bad_upstream_data, std::move(message));
  }
  pugi::xml_node root = doc.document_element();
  if (!root) {
    return fail(ErrorCode::bad_upstream_data, std::string(origin) + ": empty document, expected <" +
                                                  std::string(root_name) + ">");
  }
  if (local_name(root) != root_name) {
    return fail(ErrorCode::bad_upstream_data,
                std::string(origin) + ": expected <" + std::string(root_name) + "> but got <" +
                    root.name() + ">" + (html ? " (an HTML page)" : "") + ": '" + snippet(root) +
                    "'");
  }
  return root;
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

}  // namespace ah::sources::arxiv::xml
