// Internal to src/langid: the model file format of models/langid.ftz.
//
//   VIGIE-LANGID <format version>\n        magic and format version (kModelFormatVersion)
//   what: <what the model is>\n
//   command: <the command that rebuilds it>\n
//   data: <what it was trained on>\n
//   payload: <bytes> fnv1a64 <16 hex digits>\n
//   \n
//   <payload: a quantized fastText model, as fastText's saveModel writes it>
//
// `head -5 models/langid.ftz` shows the header. The checksum lets a truncated or damaged file be
// refused before fastText reads it (fastText trusts its input).
#pragma once

#include <string>

#include "document/expected.h"

namespace vigie::langid {

inline constexpr const char* kModelMagic = "VIGIE-LANGID";
inline constexpr int kModelFormatVersion = 1;

struct ModelFile {
  std::string what, command, data;
  std::string payload;
};

Expected<ModelFile> read_model_file(const std::string& path);
// Writes `path` + ".new" then renames it, so a running Vigie never reads half a file.
Expected<bool> write_model_file(const std::string& path, const ModelFile& file);

}  // namespace vigie::langid
