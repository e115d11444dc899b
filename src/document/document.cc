#include "document/document.h"

namespace vigie {

std::string_view to_string(EntityType type) {
  switch (type) {
    case EntityType::kPER: return "PER";
    case EntityType::kORG: return "ORG";
    case EntityType::kLOC: return "LOC";
    case EntityType::kGPE: return "GPE";
    case EntityType::kMISC: return "MISC";
  }
  return "MISC";
}

std::string_view to_string(Modality modality) {
  switch (modality) {
    case Modality::kAsserted: return "asserted";
    case Modality::kAlleged: return "alleged";
    case Modality::kDenied: return "denied";
    case Modality::kNegated: return "negated";
    case Modality::kPossible: return "possible";
    case Modality::kIntended: return "intended";
  }
  return "asserted";
}

}  // namespace vigie
