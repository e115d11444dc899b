// libFuzzer target: an RSS / Atom feed in memory -> Documents and Errors (libxml2's streaming
// reader, item fields, the HTML fragment path).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "ingest/containers.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  vigie::ingest::ReadOptions options;
  std::size_t seen = 0;
  vigie::ingest::read_feed(
      "fuzz.rss", vigie::ingest::ByteInput{bytes, -1}, options,
      [&](vigie::Document&& document) { seen += document.text.size(); },
      [&](const vigie::Error& error) { seen += error.message.size(); });
  volatile std::size_t sink = seen;
  (void)sink;
  return 0;
}
