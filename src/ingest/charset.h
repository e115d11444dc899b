// Bytes of a web page in whatever charset it was served -> UTF-8.
//
// Order of evidence: a byte-order mark; valid UTF-8 as is; the charset the page declares in its
// first kCharsetPrescanBytes (<meta charset=…> or http-equiv content-type); else
// uchardet's guess; else windows-1252 (what browsers assume for undeclared Western pages).
// Conversion is glibc iconv; bytes that do not convert become U+FFFD.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace vigie::ingest {

struct Utf8Page {
  std::string text;      // valid UTF-8
  std::string charset;   // what the bytes were read as ("UTF-8", "ISO-8859-1", …)
  std::string evidence;  // "bom", "valid-utf8", "declared", "detected", "default"
  std::size_t replaced = 0;  // bytes replaced by U+FFFD
};

// `transport_charset`: the charset the server declared (HTTP Content-Type, e.g. from a WARC
// record), or empty. It comes after the byte-order mark and valid UTF-8 and before the page's own
// declaration (the HTML standard's order); evidence "transport".
Utf8Page page_to_utf8(std::string_view bytes, std::string_view transport_charset = {});

// The charset declared in the page's head (<meta charset="…"> or
// <meta http-equiv="Content-Type" content="…; charset=…">), upper-cased; empty when none.
std::string declared_charset(std::string_view bytes);

}  // namespace vigie::ingest
