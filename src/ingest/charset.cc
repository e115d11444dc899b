#include "ingest/charset.h"

#include <iconv.h>
#include <uchardet.h>

#include <algorithm>
#include <cctype>
#include <cerrno>

#include "unicode/utf8.h"

namespace vigie::ingest {
namespace {

// The HTML standard's encoding prescan looks at the first 1024 bytes; real pages often put the
// declaration after long comments or scripts, so Vigie looks a little further.
constexpr std::size_t kCharsetPrescanBytes = 4096;

std::string upper(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

// Converts with iconv; undecodable bytes are replaced by U+FFFD and counted.
bool convert(std::string_view bytes, const std::string& charset, Utf8Page& page) {
  iconv_t cd = iconv_open("UTF-8", charset.c_str());
  if (cd == reinterpret_cast<iconv_t>(-1)) return false;
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 2);
  char buffer[8192];
  char* in = const_cast<char*>(bytes.data());
  std::size_t in_left = bytes.size();
  while (in_left > 0) {
    char* dst = buffer;
    std::size_t dst_left = sizeof buffer;
    std::size_t result = iconv(cd, &in, &in_left, &dst, &dst_left);
    out.append(buffer, dst - buffer);
    if (result == static_cast<std::size_t>(-1)) {
      if (errno == E2BIG) continue;
      // EILSEQ or EINVAL: one bad byte.
      out.append("\xEF\xBF\xBD");
      ++page.replaced;
      ++in;
      --in_left;
    }
  }
  iconv_close(cd);
  page.text = unicode::repair_utf8(out);
  return true;
}

}  // namespace

std::string declared_charset(std::string_view bytes) {
  std::string head = upper(bytes.substr(0, kCharsetPrescanBytes));
  std::size_t pos = 0;
  while ((pos = head.find("CHARSET", pos)) != std::string::npos) {
    pos += 7;
    std::size_t i = pos;
    while (i < head.size() && (head[i] == ' ' || head[i] == '\t')) ++i;
    if (i >= head.size() || head[i] != '=') continue;
    ++i;
    while (i < head.size() && (head[i] == ' ' || head[i] == '"' || head[i] == '\'')) ++i;
    std::size_t end = i;
    while (end < head.size() && (std::isalnum(static_cast<unsigned char>(head[end])) ||
                                 head[end] == '-' || head[end] == '_' || head[end] == ':' ||
                                 head[end] == '.')) {
      ++end;
    }
    if (end > i) return head.substr(i, end - i);
  }
  return {};
}

Utf8Page page_to_utf8(std::string_view bytes, std::string_view transport_charset) {
  Utf8Page page;
  if (bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF") {
    page.text = unicode::repair_utf8(bytes.substr(3), &page.replaced);
    page.charset = "UTF-8";
    page.evidence = "bom";
    return page;
  }
  for (auto [bom, charset] : {std::pair<std::string_view, const char*>{"\xFF\xFE", "UTF-16LE"},
                              {"\xFE\xFF", "UTF-16BE"}}) {
    if (bytes.substr(0, 2) == bom && convert(bytes.substr(2), charset, page)) {
      page.charset = charset;
      page.evidence = "bom";
      return page;
    }
  }
  if (unicode::is_valid_utf8(bytes)) {
    page.text = std::string(bytes);
    page.charset = "UTF-8";
    page.evidence = "valid-utf8";
    return page;
  }
  std::string transport = upper(transport_charset);
  if (!transport.empty() && transport != "UTF-8" && transport != "UTF8" &&
      convert(bytes, transport, page)) {
    page.charset = transport;
    page.evidence = "transport";
    return page;
  }
  std::string declared = declared_charset(bytes);
  // A page that declares UTF-8 but is not is usually Windows-1252 text: let uchardet decide.
  if (!declared.empty() && declared != "UTF-8" && declared != "UTF8" &&
      convert(bytes, declared, page)) {
    page.charset = declared;
    page.evidence = "declared";
    return page;
  }
  uchardet_t detector = uchardet_new();
  std::string detected;
  if (uchardet_handle_data(detector, bytes.data(), bytes.size()) == 0) {
    uchardet_data_end(detector);
    const char* name = uchardet_get_charset(detector);
    if (name) detected = name;
  }
  uchardet_delete(detector);
  if (!detected.empty() && upper(detected) != "UTF-8" && upper(detected) != "ASCII" &&
      convert(bytes, detected, page)) {
    page.charset = upper(detected);
    page.evidence = "detected";
    return page;
  }
  if (convert(bytes, "WINDOWS-1252", page)) {
    page.charset = "WINDOWS-1252";
    page.evidence = "default";
    return page;
  }
  page.replaced = 0;
  page.text = unicode::repair_utf8(bytes, &page.replaced);
  page.charset = "UTF-8";
  page.evidence = "default";
  return page;
}

}  // namespace vigie::ingest
