// How `academichub harvest <source>` prints the report of a run: lines for people, or one JSON
// object (--json) for scripts. Main thread only.
#pragma once

#include <string_view>

#include "harvest/harvester.h"

namespace ah::cli {

// Prints `report` of the harvest of `what` ("crossref 0028-0836", "feed https://...") on stdout:
// notes, rejected records and a summary line; or, with `json`, one object {"source", "complete",
// "requests", "records", "inserted", "updated", "unchanged", "rejected", "rejected_records",
// "notes"}. Returns kExitOk.
int print_harvest_report(const harvest::HarvestReport& report, std::string_view what, bool json);

}  // namespace ah::cli
