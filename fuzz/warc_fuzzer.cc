// libFuzzer target: a WARC or WARC.gz archive in memory -> Documents and Errors. Covers the gzip
// member layer, record headers, HTTP headers, chunked and compressed bodies, and the HTML path.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "ingest/containers.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  vigie::ingest::ReadOptions options;
  options.max_document_bytes = 1u << 20;  // keeps decompression bombs fast to reject
  std::size_t seen = 0;
  vigie::ingest::read_warc(
      "fuzz.warc.gz", vigie::ingest::ByteInput{bytes, -1}, options,
      [&](vigie::Document&& document) { seen += document.text.size(); },
      [&](const vigie::Error& error) { seen += error.message.size(); });
  volatile std::size_t sink = seen;
  (void)sink;
  return 0;
}
