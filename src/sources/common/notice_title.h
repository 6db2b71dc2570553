// Notices told by their titles: "Author Correction: ...", "Erratum to ...", "Retraction Note:
// ...", "Expression of Concern: ...". For sources that give no type (journal feeds) or a generic
// one (Crossref's journal-article without update-to). Pure; thread-safe.
#pragma once

#include <string_view>

#include "core/work.h"

namespace ah::sources {

// The notice type a title announces, or WorkType::unknown. Recognised at the start of the title
// (case-insensitive), followed by the end, ':', '.', " to ", " note" or " notice":
// "Correction", "Author Correction", "Publisher Correction", "Corrigendum" -> correction;
// "Erratum", "Errata" -> erratum; "Retraction", "Retraction Note", "Notice of Retraction" ->
// retraction; "Expression of Concern", "Editorial Expression of Concern" ->
// expression_of_concern. "RETRACTED: ..." is a retracted work, not a notice (unknown), and
// "Correction of the zero-point energy" a research title (unknown).
core::WorkType notice_type_from_title(std::string_view title);

}  // namespace ah::sources
