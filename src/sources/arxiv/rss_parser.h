// Parser for arXiv's announcement feeds at rss.arxiv.org (RSS 2.0 with the arxiv, dc and content
// namespaces, one item per new, cross-listed or replaced paper). Pure function; thread-safe.
#pragma once

#include <string_view>

#include "core/error.h"
#include "sources/common/parse_result.h"

namespace ah::sources::arxiv {

// Parses one feed. Each <item> becomes a Paper (core::source::kArxivRss): id and version and the
// abstract from the description "arXiv:2401.01234v2 Announce Type: replace \nAbstract: ..."
// (else from <guid> "oai:arXiv.org:2401.01234v2" or <link>), announce_type from
// arxiv:announce_type (new, cross, replace, replace-cross; else the description's), title,
// dc:creator (comma separated names), <category> elements in order, dc:rights -> license,
// arxiv:DOI and arxiv:journal_reference when present, <link> -> abs_url, and the item's pubDate
// -> announced as the local day "YYYY-MM-DD". info.last_build_date is the channel's
// lastBuildDate (else pubDate) as given. An empty channel (no announcements that day) is a
// success with no papers. An item without a usable id or title goes to `rejected`. A feed that
// breaks off inside its <channel> keeps the items complete before the break and sets
// ParseResult::truncated.
// Errors: bad_upstream_data naming `origin` when the bytes are not an RSS document (or break off
// before its <channel>).
Result<ParseResult> parse_rss(std::string_view bytes, std::string_view origin);

}  // namespace ah::sources::arxiv
