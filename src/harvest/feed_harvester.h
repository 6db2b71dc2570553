// Harvests one journal's table of contents (an RSS 1.0/RDF, RSS 2.0 or Atom feed) into a
// PaperStore with a conditional GET: a feed that has not changed costs one 304 and stores
// nothing. A bot-check or captcha page in place of the feed is an error that says so, never an
// empty day. One harvester per thread; the HttpClient and PaperStore are borrowed and must
// outlive it.
#pragma once

#include <memory>
#include <string>

#include "core/calendar.h"
#include "core/error.h"
#include "harvest/harvester.h"
#include "net/http_client.h"
#include "store/paper_store.h"

namespace ah::harvest {

// One configured feed.
struct FeedSource {
  std::string url;    // http(s); redirects are followed (up to 5)
  std::string venue;  // the journal's name, for items that name none (sources::feeds::FeedOptions)
};

// State, under "feed:{url, redacted}": the ETag and Last-Modified of the last answer stored, and
// a hash of its body, so that a feed that answers 200 with the same bytes stores nothing either.
class FeedHarvester final : public Harvester {
 public:
  // `now` stamps the items' fetched_at (tests fix it); empty: the system clock.
  FeedHarvester(net::HttpClient& http, store::PaperStore& store, FeedSource feed, Log log = {},
                core::WallClock now = {});

  // Fetches the feed (If-None-Match / If-Modified-Since from the state) and stores its items with
  // the new validators in one transaction. Items the parser rejects (no DOI, no title) are
  // reported, not stored. Errors: invalid_argument for a URL that is not http(s);
  // bad_upstream_data for an HTTP error status, an HTML page instead of a feed (a bot check
  // says so: "the feed answered with a bot-check page (Validate User), not a feed"), or a feed
  // that breaks off (nothing of it is stored, its validators neither, so the next run fetches it
  // whole); and those of Harvester::run.
  Result<HarvestReport> run() override;

 private:
  net::HttpClient& http_;
  store::PaperStore& store_;
  FeedSource feed_;
  Log log_;
  core::WallClock now_;
};

}  // namespace ah::harvest
