// Parser for journals' tables of contents: RSS 1.0/RDF (with prism: and dc:), RSS 2.0 (with
// prism:, dc:, content:encoded and HTML descriptions) and Atom, as Nature, Wiley, OUP, Elsevier,
// PubMed and others publish them. (arXiv's own RSS is read by sources/arxiv.) Pure; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "core/error.h"
#include "sources/common/parse_result.h"

namespace ah::sources::feeds {

struct FeedOptions {
  // The journal's name as configured for the feed: the venue of items that name none themselves
  // (before the channel's own title, which is often "X Current Issue" or a search query).
  std::string venue;
};

// Parses one feed. Each item becomes a record (core::source::kJournalFeed):
// - doi from prism:doi, else dc:identifier ("doi:10.1/x" or a bare DOI), else the guid, else the
//   links (prism:url, link, rdf:about, Atom links) where feeds::doi_from_url's rule is certain;
//   other identifiers from dc:identifier ("pmid:", "pmc:"); source_id = the DOI, else the guid,
//   else the link;
// - title (title, else dc:title; HTML to text); authors from dc:creator (one element per author,
//   or one list), Atom author names, RSS <author> ("Surname I, ..." lists; "et al." dropped), or
//   Elsevier's "Author(s): ..." line in the description;
// - published from dc:date, else prism:publicationDate, pubDate, Atom published/updated,
//   prism:coverDate; updated from Atom updated;
// - venue from prism:publicationName, else dc:source when it is a plain name, else Elsevier's
//   "Source: NAME, Volume ..." line, else options.venue, else the channel's
//   prism:publicationName, else the channel title (feeds::venue_from_channel_title); volume,
//   issue (prism:number), pages (prism:startingPage-endingPage or pageRange, else a citation
//   line "Volume 70, Issue 6, Page 1300-1316"), issns (prism:issn/eIssn), publisher
//   (dc:publisher), language (dc:language, two letters);
// - type by feeds::classify_item (notice titles, sections/categories, Nature's d/s DOIs);
// - abstract only when the feed carries one (feeds::choose_abstract: not a teaser or a
//   citation line); abs_url = prism:url or link without utm_* parameters; license = dc:rights
//   when it is a URL.
// An item without a title, or without a DOI or PMID (a record nothing else could be linked to),
// goes to `rejected` saying so. info.last_build_date: lastBuildDate, else pubDate or dc:date of
// the channel, else Atom's feed <updated>. A feed that breaks off keeps the items complete before
// the break and sets ParseResult::truncated.
// Errors (bad_upstream_data naming `origin`): an HTML page instead of a feed ("the feed answered
// with a bot-check page (Validate User), not a feed", or "with an HTML page (<title>)"), bytes
// that are not XML, or XML that is not RSS, RDF or Atom.
Result<ParseResult> parse_feed_with(std::string_view bytes, std::string_view origin,
                                    const FeedOptions& options);

// What an HTML page in place of a feed is: "a bot-check page (Validate User)" when it asks to
// prove a human is there (captcha, "unusual traffic", Cloudflare's checks), "an HTML page
// (<title>)" otherwise; empty when `bytes` are not an HTML page. For callers that have a status
// to report as well (a bot check often comes with 403).
std::string describe_html_answer(std::string_view bytes);

// parse_feed_with with no configured venue (the form `import` uses).
Result<ParseResult> parse_feed(std::string_view bytes, std::string_view origin);

}  // namespace ah::sources::feeds
