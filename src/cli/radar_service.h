// The radar service's options for a command over the app's database: its index kept in a file
// beside the database ("<database>.radar-index", radarsvc/index_file.h), and what the service
// says about that file logged at info. The caller adds its own hooks (description terms).
#pragma once

#include "cli/app.h"
#include "radarsvc/service.h"

namespace ah::cli {

radarsvc::ServiceOptions radar_service_options(App& app);

}  // namespace ah::cli
