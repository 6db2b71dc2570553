#include "cli/radar_service.h"

namespace ah::cli {

radarsvc::ServiceOptions radar_service_options(App& app) {
  radarsvc::ServiceOptions options;
  options.index_file = app.config().db_path;
  options.index_file += ".radar-index";
  options.note = [&app](std::string_view line) { app.log(LogLevel::info, line); };
  return options;
}

}  // namespace ah::cli
