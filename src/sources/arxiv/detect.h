// Recognises which arXiv format a file or response holds, from its first bytes and its name.
// Pure; thread-safe.
#pragma once

#include <string_view>

namespace ah::sources::arxiv {

enum class Format { atom, oai_pmh, rss, jsonl, unknown };

// Looks at the first element of an XML document (<feed> = atom, <OAI-PMH> = oai_pmh, <rss> =
// rss), skipping a BOM, the XML declaration, comments and a DOCTYPE; a text starting with '{' is
// jsonl. `head` is the first few KB (more is fine, less than the root tag gives unknown).
// `file_name` only decides when the head is empty: "*.jsonl"/"*.ndjson" -> jsonl. HTML pages and
// anything else -> unknown.
Format detect_format(std::string_view head, std::string_view file_name);

// "atom", "oai-pmh", "rss", "jsonl", "unknown".
std::string_view to_string(Format format);

}  // namespace ah::sources::arxiv
