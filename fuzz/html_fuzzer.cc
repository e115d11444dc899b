// libFuzzer target: the bytes of a web page as served (any charset, any markup) -> Document.
// Build and run: `make fuzz` (CMake option VIGIE_BUILD_FUZZ, clang).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "ingest/ingest.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  vigie::Document document = vigie::ingest::document_from_html_bytes("fuzz.html", bytes);
  // Offsets into text are the contract of every later stage: the text must be what it says.
  volatile std::size_t sink = document.text.size() + document.title.size();
  (void)sink;
  return 0;
}
