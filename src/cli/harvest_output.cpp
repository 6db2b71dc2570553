#include "cli/harvest_output.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "cli/format.h"

namespace ah::cli {

void print_harvest_report(const harvest::HarvestReport& report, std::string_view source,
                          std::string_view target, bool as_json) {
  if (as_json) {
    nlohmann::json out{{"source", source},
                       {"target", target},
                       {"requests", report.requests},
                       {"records", report.records},
                       {"inserted", report.counts.inserted},
                       {"updated", report.counts.updated},
                       {"unchanged", report.counts.unchanged},
                       {"rejected", report.counts.rejected},
                       {"complete", report.complete},
                       {"budget_left", report.budget_left ? nlohmann::json(*report.budget_left)
                                                          : nlohmann::json(nullptr)},
                       {"budget_spent", report.budget_spent},
                       {"notes", report.notes},
                       {"rejected_records", report.rejected}};
    fmt::print("{}\n", out.dump());
    return;
  }
  for (const std::string& note : report.notes) fmt::print("note: {}\n", note);
  for (const std::string& r : report.rejected) fmt::print("  rejected: {}\n", r);
  fmt::print("harvested: {} ({} requests{})\n", counts_line(report.counts), report.requests,
             report.complete ? "" : ", stopped before the end");
  if (report.budget_spent) {
    fmt::print("budget: spent for today; the next run continues where this one stopped\n");
  } else if (report.budget_left) {
    fmt::print("budget: {} requests left today\n", thousands(*report.budget_left));
  }
}

}  // namespace ah::cli
