// The backend-neutral upsert rules of PaperStore::upsert: how an incoming record combines with
// the stored one. Every backend applies these, so they are tested once. Pure; thread-safe.
#pragma once

#include "core/paper.h"

namespace ah::store {

// The form in which a record is stored and compared: `other_ids` sorted by (scheme, value),
// without duplicates, an arXiv id or DOI among them moved into arxiv_id/doi when those are empty
// (and dropped when equal to them); `versions` ascending without duplicates, and containing an
// entry for `version` itself (with `version_date`) when version > 0; empty categories, unnamed
// authors and repeated relations dropped; the store-filled fields (paper_id, records, history,
// status, field_sources) cleared.
core::Paper canonical(core::Paper paper);

// How an incoming record relates to the stored one, by version.
enum class Relation {
  older,      // incoming.version < stored.version (both known): only its history is recorded
  overwrite,  // newer or the same version (or stored version unknown): non-empty incoming fields
              // win
  fill_only,  // incoming version unknown, stored known: incoming only fills stored empty fields
};
Relation relate(int stored_version, int incoming_version);

// Combines canonical records. For `overwrite`, every field the incoming record gives (non-empty
// string or list, version > 0) replaces the stored one; for `fill_only`, only stored empty fields
// are filled; for `older`, the stored record is kept and only incoming history is added. Always:
// `versions` is the union by version number (incoming non-empty date/size win under overwrite),
// `other_ids` the union; `announced` the earliest date; within one version, `categories` the
// union (incoming order first); `relations` the union; `retracted` once set stays set. The
// provenance (`source`, `source_id`, `fetched_at`, `fetched_from`) becomes the incoming record's
// when anything else changed.
core::Paper merge(const core::Paper& stored, const core::Paper& incoming, Relation relation);

// True when the two records are equal in everything but their provenance (source, source_id,
// fetched_at, fetched_from): provenance is not content.
bool same_content(const core::Paper& a, const core::Paper& b);

}  // namespace ah::store
