// Internal to the journal feed parser (tested on their own): what a table-of-contents item's
// fields mean — DOIs in links, author lists, the kind of item, the abstract hidden among teasers,
// HTML pages in place of a feed. Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/work.h"

namespace ah::sources::feeds {

// The DOI (normalised) that a link names when the rule is certain, else empty. The rules:
// - doi.org, dx.doi.org: the path is the DOI ("https://doi.org/10.1093/zoolinnean/zlab078");
// - any host whose path has a "/doi/" segment followed by a DOI, optionally after abs/, full/,
//   pdf/, epdf/, pdfdirect/, reader/ or book/: the Atypon Literatum sites (Wiley, Science, PNAS,
//   NEJM, ACS, Taylor & Francis, SAGE: "https://onlinelibrary.wiley.com/doi/10.1002/tax.12650?
//   af=R");
// - link.springer.com/article/ or /chapter/ followed by a DOI;
// - journals.plos.org with an "id=10.1371/..." query parameter;
// - nature.com/articles/ followed by a Springer Nature article id of the current form (a letter,
//   5 digits, "-", 3 digits, "-", 5 digits, "-", a digit or letter: "s41586-024-07956-2"), whose
//   DOI is 10.1038/ + the id. Older nature.com ids ("nature12373", "cr20131") are not turned into
//   DOIs: some differ from their DOI ("cr.2013.1").
// ScienceDirect, Cell Press and OUP links name PIIs or article numbers, never DOIs.
std::string doi_from_url(std::string_view url);

// The DOI in an identifier as feeds write it: "doi:10.1/x", "info:doi/10.1/x", "10.1/x",
// "https://doi.org/10.1/x"
// (and the links doi_from_url knows); empty for anything else ("pmid:123", "info:...").
std::string doi_from_identifier(std::string_view text);

// Names of one author string: "A. B, C. D; E" -> each; "Family, Given" (one comma, no blank in
// either part) -> "Given Family"; "Brandão S, Saeedi H, Brandt A." -> three (a final '.' after
// Vancouver-style initials dropped); "x@y.org (Name)" -> "Name"; "et al." left out.
std::vector<std::string> split_author_list(std::string_view text);

// What an item is, from its title (notices: core notice titles), its section or category
// ("RESEARCH ARTICLE", "EDITORIAL", "Book Review", "Correction") and its DOI (Nature's magazine
// content has DOIs 10.1038/d4xxxx-..., its research 10.1038/s4xxxx-...). unknown when nothing
// tells.
core::WorkType classify_item(std::string_view title, const std::vector<std::string>& sections,
                             std::string_view doi);

// The abstract among an item's bodies (content:encoded, descriptions, Atom content/summary, as
// markup): each body is cut into paragraphs, its citation lines ("Nature, Published online: ...;
// doi:...", "Publication date: ...", "Source: ...", "Author(s): ...", "PMID: ... | DOI: ...",
// "TAXON, Volume 70, Issue 6, Page 1300-1316"), an "Abstract" heading and a repetition of the
// title removed. What is left is an abstract when the body labelled it so (an "Abstract"
// heading) or when it is at least kMinUnlabelledAbstract characters and not cut off ("..."): a
// teaser or one-line summary is not an abstract. Returns the longest such text, paragraphs
// joined by a blank line, or empty.
inline constexpr std::size_t kMinUnlabelledAbstract = 400;
std::string choose_abstract(const std::vector<std::string>& bodies, std::string_view title);

// Reads "Volume 70", "Issue 6" and "Page(s) 1300-1316" out of a short citation line of a
// description ("TAXON, Volume 70, Issue 6, Page 1300-1316, December 2021."; "Source: Molecular
// Phylogenetics and Evolution, Volume 167"), only into fields that are still empty. Lines
// longer than 200 characters or without ", Volume " are not citations and are left alone.
void read_citation_line(std::string_view line, std::string& volume, std::string& issue,
                        std::string& pages);

// The journal's name in a channel title: "ScienceDirect Publication: Molecular Phylogenetics and
// Evolution" -> "Molecular Phylogenetics and Evolution", "Wiley: TAXON: Table of Contents" ->
// "TAXON", "Zoological Journal of the Linnean Society Current Issue" -> "Zoological Journal of
// the Linnean Society"; other titles as given.
std::string venue_from_channel_title(std::string_view title);

// An HTML page in place of a feed, described for the error message: "a bot-check page (Validate
// User)" when it asks to prove a human is there (captcha, "unusual traffic", Cloudflare's
// checks), else "an HTML page (<its title>)".
bool is_bot_check_page(std::string_view html);
std::string describe_html_page(std::string_view html);

// The link without tracking parameters (utm_*), which differ per subscriber.
std::string strip_tracking(std::string_view url);

}  // namespace ah::sources::feeds
