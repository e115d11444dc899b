// Readers of the training and evaluation text: UD CoNLL-U files (plain or xz-compressed, as
// ../shared/data/nlp stores them) and gettext catalogues (.mo) of Debian packages.
#include <lzma.h>

#include <cctype>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <sstream>

#include "langid/langid.h"
#include "unicode/utf8.h"

namespace vigie::langid {

namespace {

Expected<std::string> read_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error{path, "cannot open file"};
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

Expected<std::string> xz_decompress(const std::string& path, const std::string& compressed) {
  lzma_stream stream = LZMA_STREAM_INIT;
  if (lzma_stream_decoder(&stream, UINT64_MAX, LZMA_CONCATENATED) != LZMA_OK) {
    return Error{path, "cannot start the xz decoder"};
  }
  std::string out;
  char buffer[1 << 16];
  stream.next_in = reinterpret_cast<const std::uint8_t*>(compressed.data());
  stream.avail_in = compressed.size();
  lzma_ret ret = LZMA_OK;
  while (ret == LZMA_OK) {
    stream.next_out = reinterpret_cast<std::uint8_t*>(buffer);
    stream.avail_out = sizeof buffer;
    ret = lzma_code(&stream, LZMA_FINISH);
    out.append(buffer, sizeof buffer - stream.avail_out);
  }
  lzma_end(&stream);
  if (ret != LZMA_STREAM_END) return Error{path, "not a valid xz file"};
  return out;
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// A catalogue string as prose: format directives, accelerator marks and escapes out.
std::string clean_catalogue_string(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '%') {
      // printf directive: %[n$][flags][width][.precision][length]conversion
      std::size_t j = i + 1;
      while (j < s.size() && std::strchr("0123456789$#-+ .'*lhqjztLI", s[j])) ++j;
      if (j < s.size() && std::isalpha(static_cast<unsigned char>(s[j]))) {
        out += ' ';
        i = j;
        continue;
      }
    }
    const unsigned char next = i + 1 < s.size() ? static_cast<unsigned char>(s[i + 1]) : 0;
    if ((c == '&' || c == '_') && (std::isalpha(next) || next >= 0x80)) {
      continue;  // menu accelerators: "_Fichier", "&Open"
    }
    out += c == '\n' || c == '\t' || c == '\r' ? ' ' : c;
  }
  return unicode::collapse_white_space(out);
}

}  // namespace

Expected<std::vector<UdText>> read_ud_texts(const std::string& path, int sentences_per_document) {
  auto bytes = read_bytes(path);
  if (!bytes) return bytes.error();
  std::string content = std::move(bytes).value();
  if (ends_with(path, ".xz")) {
    auto plain = xz_decompress(path, content);
    if (!plain) return plain.error();
    content = std::move(plain).value();
  }
  const bool has_newdoc = content.find("# newdoc") != std::string::npos;
  std::vector<UdText> out;
  int document = -1, in_document = 0;
  std::istringstream in(content);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.rfind("# newdoc", 0) == 0) {
      ++document;
      in_document = 0;
    } else if (line.rfind("# text = ", 0) == 0) {
      if (document < 0 || (!has_newdoc && in_document == sentences_per_document)) {
        ++document;
        in_document = 0;
      }
      out.push_back({line.substr(9), document});
      ++in_document;
    }
  }
  if (out.empty()) return Error{path, "no `# text = ` lines: not a CoNLL-U file with text"};
  return out;
}

Expected<std::vector<CatalogueEntry>> read_mo_catalogue(const std::string& path) {
  auto read = read_bytes(path);
  if (!read) return read.error();
  const std::string& bytes = *read;
  auto u32 = [&](std::size_t offset, bool swap, bool* ok) -> std::uint32_t {
    if (offset + 4 > bytes.size()) {
      *ok = false;
      return 0;
    }
    std::uint32_t v;
    std::memcpy(&v, bytes.data() + offset, 4);
    return swap ? __builtin_bswap32(v) : v;
  };
  bool ok = true;
  std::uint32_t magic = u32(0, false, &ok);
  bool swap = magic == 0xde120495;
  if (!ok || (magic != 0x950412de && !swap)) return Error{path, "not a gettext .mo catalogue"};
  std::uint32_t count = u32(8, swap, &ok);
  std::uint32_t originals = u32(12, swap, &ok);
  std::uint32_t translations = u32(16, swap, &ok);
  if (!ok) return Error{path, "truncated .mo header"};
  auto string_at = [&](std::uint32_t table, std::uint32_t n, std::string* s) {
    std::uint64_t entry = table + 8ULL * n;
    std::uint32_t length = u32(entry, swap, &ok);
    std::uint32_t offset = u32(entry + 4, swap, &ok);
    if (!ok || std::uint64_t{offset} + length > bytes.size()) return false;
    *s = bytes.substr(offset, length);
    // Plural forms are NUL-separated (the first is kept); a context comes before U+0004.
    if (std::size_t nul = s->find('\0'); nul != std::string::npos) s->resize(nul);
    if (std::size_t eot = s->find('\x04'); eot != std::string::npos) s->erase(0, eot + 1);
    return true;
  };
  std::vector<CatalogueEntry> out;
  for (std::uint32_t n = 0; n < count; ++n) {
    std::string original, translation;
    if (!string_at(originals, n, &original) || !string_at(translations, n, &translation)) {
      return Error{path, "entry " + std::to_string(n) + " points outside the file"};
    }
    if (original.empty()) continue;  // the catalogue's header
    CatalogueEntry entry{clean_catalogue_string(original), clean_catalogue_string(translation)};
    if (entry.translation.empty() || entry.translation == entry.original) continue;
    if (entry.translation.find(' ') == std::string::npos) continue;  // one word: no context
    out.push_back(std::move(entry));
  }
  return out;
}

}  // namespace vigie::langid
