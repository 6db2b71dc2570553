#include "cli/harvest_report.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "cli/app.h"
#include "cli/format.h"

namespace ah::cli {

int print_harvest_report(const harvest::HarvestReport& report, std::string_view what, bool json) {
  if (json) {
    const nlohmann::json out = {{"source", what},
                                {"complete", report.complete},
                                {"requests", report.requests},
                                {"records", report.records},
                                {"inserted", report.counts.inserted},
                                {"updated", report.counts.updated},
                                {"unchanged", report.counts.unchanged},
                                {"rejected", report.counts.rejected},
                                {"rejected_records", report.rejected},
                                {"notes", report.notes}};
    fmt::print("{}\n", out.dump(2));
    return kExitOk;
  }
  for (const std::string& note : report.notes) fmt::print("note: {}\n", note);
  for (const std::string& r : report.rejected) fmt::print("  rejected: {}\n", r);
  fmt::print("harvested {}: {} ({} requests{})\n", what, counts_line(report.counts),
             report.requests, report.complete ? "" : ", stopped before the end");
  return kExitOk;
}

}  // namespace ah::cli
