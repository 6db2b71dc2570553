// Which kinds of source this binary can harvest, and how to make a run of one: a table from kind
// to the kind's MakeHarvester (harvest/source_harvester.h). The built-in table has one line per
// kind; a kind whose harvester is not built in yet has none and reports so. Tests build their own
// factory with fakes. Thread-safe after construction (read-only).
#pragma once

#include <map>
#include <memory>
#include <string>

#include "catalogue/source_entry.h"
#include "core/error.h"
#include "harvest/source_harvester.h"

namespace ah::sched {

class HarvesterFactory {
 public:
  // A maker that may capture state (tests); the built-in ones are plain functions.
  using Maker = std::function<Result<std::unique_ptr<harvest::Harvester>>(
      const catalogue::SourceEntry&, const harvest::HarvestContext&)>;

  void add(catalogue::Kind kind, Maker make);

  // Empty when this binary can harvest `kind`; else why not, for people ("not built in this
  // binary yet").
  std::string unavailable(catalogue::Kind kind) const;

  // The harvester of `entry`. Errors: unavailable when the kind has no maker here (the message
  // is unavailable()'s); the maker's.
  Result<std::unique_ptr<harvest::Harvester>> make(const catalogue::SourceEntry& entry,
                                                   const harvest::HarvestContext& context) const;

 private:
  std::map<catalogue::Kind, Maker> makers_;
};

// The harvesters built into this binary: one line per kind in harvester_factory.cpp.
HarvesterFactory builtin_harvesters();

}  // namespace ah::sched
