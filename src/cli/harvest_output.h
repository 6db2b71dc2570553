// How `academichub harvest <source>` prints the report of a run: lines for people, or one JSON
// object (--json) for scripts. Main thread only.
#pragma once

#include <string_view>

#include "harvest/harvester.h"

namespace ah::cli {

// Prints `report` on stdout. Text: a "note:" line per note, a "  rejected:" line per rejected
// record, then "harvested: <counts> (<n> requests[, stopped before the end])" and, when the
// source meters use, "budget: ..." lines. JSON: {"source", "target", "requests", "records",
// "inserted", "updated", "unchanged", "rejected", "complete", "budget_left" (null when
// unknown), "budget_spent", "notes", "rejected_records"}.
void print_harvest_report(const harvest::HarvestReport& report, std::string_view source,
                          std::string_view target, bool as_json);

}  // namespace ah::cli
