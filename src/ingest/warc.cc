// WARC and WARC.gz archives -> Documents (containers.h). The archive is read as a stream: a
// gzip layer (zlib inflate, member after member) under a line/block reader, one record in memory
// at a time.
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "ingest/charset.h"
#include "ingest/containers.h"
#include "ingest/ingest.h"
#include "unicode/utf8.h"

namespace vigie::ingest {
namespace {

// A WARC or HTTP header line longer than this is not a header: real ones are under 8 KiB (long
// cookies, CSP), so 64 KiB leaves room without letting garbage grow a line without end.
constexpr std::size_t kMaxHeaderLineBytes = 64u << 10;
// More header lines than this in one WARC record header is garbage, not a record.
constexpr std::size_t kMaxHeaderLines = 1024;
constexpr std::size_t kReadChunkBytes = 1u << 16;
// Quoted pieces of bad input in messages are clipped to this many bytes.
constexpr std::size_t kQuoteBytes = 40;

// A piece of input safe to print in a message: printable ASCII, clipped.
std::string quote(std::string_view s) {
  std::string out = "'";
  for (char c : s.substr(0, kQuoteBytes)) {
    out += (c >= 0x20 && c < 0x7f) ? c : '?';
  }
  if (s.size() > kQuoteBytes) out += "...";
  return out + "'";
}

// Decimal digits only, no sign, no overflow.
bool parse_size(std::string_view s, std::uint64_t& value) {
  s = unicode::trim_ascii_space(s);
  if (s.empty() || s.size() > 18) return false;
  value = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    value = value * 10 + static_cast<std::uint64_t>(c - '0');
  }
  return true;
}

// The bytes of a ByteInput: the prefix, then the descriptor.
class RawReader {
 public:
  explicit RawReader(ByteInput input) : input_(input) {}
  // Up to `n` bytes into `out`; 0 at the end or on error (then error() is set).
  std::size_t read(char* out, std::size_t n) {
    if (!input_.prefix.empty()) {
      std::size_t take = std::min(n, input_.prefix.size());
      std::memcpy(out, input_.prefix.data(), take);
      input_.prefix.remove_prefix(take);
      return take;
    }
    if (input_.fd < 0) return 0;
    for (;;) {
      ssize_t got = ::read(input_.fd, out, n);
      if (got < 0 && errno == EINTR) continue;
      if (got < 0) {
        error_ = std::string("read error: ") + std::strerror(errno);
        return 0;
      }
      return static_cast<std::size_t>(got);
    }
  }
  const std::string& error() const { return error_; }

 private:
  ByteInput input_;
  std::string error_;
};

// The archive's uncompressed bytes: gzip members one after the other when the input starts with
// the gzip magic number, else the bytes as they are.
class ArchiveStream {
 public:
  explicit ArchiveStream(ByteInput input) : raw_(input), in_(kReadChunkBytes) {}
  ~ArchiveStream() {
    if (zlib_ready_) inflateEnd(&z_);
  }
  ArchiveStream(const ArchiveStream&) = delete;
  ArchiveStream& operator=(const ArchiveStream&) = delete;

  // Up to `n` bytes; 0 at the end of the archive or on error (then error() is set).
  std::size_t read(char* out, std::size_t n) {
    if (!error_.empty() || n == 0) return 0;
    if (!started_) start();
    if (!error_.empty()) return 0;
    if (!gzip_) {
      if (z_.avail_in > 0) {
        std::size_t take = std::min<std::size_t>(n, z_.avail_in);
        std::memcpy(out, z_.next_in, take);
        z_.next_in += take;
        z_.avail_in -= static_cast<uInt>(take);
        return take;
      }
      std::size_t got = raw_.read(out, n);
      if (got == 0 && !raw_.error().empty()) error_ = raw_.error();
      return got;
    }
    std::size_t produced = 0;
    while (produced == 0) {
      if (!in_member_) {
        // A new member starts only when bytes follow the previous one.
        if (z_.avail_in == 0 && !fill()) return 0;
        if (inflateReset(&z_) != Z_OK) {
          error_ = "gzip: cannot reset the decompressor";
          return 0;
        }
        in_member_ = true;
        ++members_;
      }
      if (z_.avail_in == 0 && !fill()) {
        if (error_.empty()) {
          error_ = "the gzip data ends in the middle of member " + std::to_string(members_) +
                   " (truncated archive)";
        }
        return 0;
      }
      z_.next_out = reinterpret_cast<Bytef*>(out);
      z_.avail_out = static_cast<uInt>(n);
      int status = inflate(&z_, Z_NO_FLUSH);
      produced = n - z_.avail_out;
      if (status == Z_STREAM_END) {
        in_member_ = false;
      } else if (status != Z_OK && status != Z_BUF_ERROR) {
        error_ = "corrupt gzip data in member " + std::to_string(members_) + " (" +
                 (z_.msg ? z_.msg : "zlib error " + std::to_string(status)) + ")";
        return produced;
      }
    }
    return produced;
  }
  const std::string& error() const { return error_; }
  bool gzip() const { return gzip_; }

 private:
  void start() {
    started_ = true;
    // Two bytes decide; a one-byte input is plain.
    while (z_.avail_in < 2 && fill_more()) {
    }
    if (!error_.empty()) return;
    gzip_ = z_.avail_in >= 2 && z_.next_in[0] == 0x1f && z_.next_in[1] == 0x8b;
    if (gzip_) {
      // 15 + 16: a gzip wrapper (not zlib, not raw deflate).
      if (inflateInit2(&z_, 15 + 16) != Z_OK) {
        error_ = "gzip: cannot start the decompressor";
        return;
      }
      zlib_ready_ = true;
    }
  }
  // Refills an empty input buffer; false at the end or on error.
  bool fill() {
    std::size_t got = raw_.read(reinterpret_cast<char*>(in_.data()), in_.size());
    if (got == 0) {
      if (!raw_.error().empty()) error_ = raw_.error();
      return false;
    }
    z_.next_in = in_.data();
    z_.avail_in = static_cast<uInt>(got);
    return true;
  }
  // Appends to the input buffer (only while sniffing the first bytes).
  bool fill_more() {
    std::size_t have = z_.avail_in;
    if (have > 0 && z_.next_in != in_.data()) std::memmove(in_.data(), z_.next_in, have);
    std::size_t got = raw_.read(reinterpret_cast<char*>(in_.data()) + have, in_.size() - have);
    z_.next_in = in_.data();
    z_.avail_in = static_cast<uInt>(have + got);
    if (got == 0 && !raw_.error().empty()) error_ = raw_.error();
    return got > 0;
  }

  RawReader raw_;
  std::vector<unsigned char> in_;
  z_stream z_{};
  bool started_ = false;
  bool gzip_ = false;
  bool zlib_ready_ = false;
  bool in_member_ = false;
  std::size_t members_ = 0;
  std::string error_;
};

// Lines and blocks over the uncompressed archive, with the offset of the next byte.
class RecordReader {
 public:
  explicit RecordReader(ByteInput input) : stream_(input) {}

  enum class LineStatus { kOk, kEnd, kTooLong, kCut };
  // One line without its CR LF. kEnd: no byte left; kCut: the input ends inside the line.
  LineStatus read_line(std::string& line) {
    line.clear();
    for (;;) {
      std::size_t newline = buffer_.find('\n', pos_);
      if (newline != std::string::npos) {
        if (newline - pos_ > kMaxHeaderLineBytes) return LineStatus::kTooLong;
        line.assign(buffer_, pos_, newline - pos_);
        consume(newline + 1 - pos_);
        if (!line.empty() && line.back() == '\r') line.pop_back();
        return LineStatus::kOk;
      }
      if (buffer_.size() - pos_ > kMaxHeaderLineBytes) return LineStatus::kTooLong;
      if (!fill()) {
        if (pos_ == buffer_.size()) return LineStatus::kEnd;
        line.assign(buffer_, pos_, std::string::npos);
        consume(buffer_.size() - pos_);
        return LineStatus::kCut;
      }
    }
  }
  // Exactly `n` bytes appended to `out` unless the input ends first; returns how many.
  std::uint64_t read_block(std::uint64_t n, std::string* out) {
    std::uint64_t done = 0;
    while (done < n) {
      if (pos_ == buffer_.size() && !fill()) break;
      std::size_t take =
          static_cast<std::size_t>(std::min<std::uint64_t>(n - done, buffer_.size() - pos_));
      if (out) out->append(buffer_, pos_, take);
      consume(take);
      done += take;
    }
    return done;
  }
  std::uint64_t offset() const { return offset_; }
  const std::string& error() const { return stream_.error(); }
  bool gzip() const { return stream_.gzip(); }

 private:
  bool fill() {
    if (pos_ > 0) {
      buffer_.erase(0, pos_);
      pos_ = 0;
    }
    char chunk[kReadChunkBytes];
    std::size_t got = stream_.read(chunk, sizeof chunk);
    buffer_.append(chunk, got);
    return got > 0;
  }
  void consume(std::size_t n) {
    pos_ += n;
    offset_ += n;
  }

  ArchiveStream stream_;
  std::string buffer_;
  std::size_t pos_ = 0;
  std::uint64_t offset_ = 0;
};

struct Header {
  std::string name;  // lower case
  std::string value;
};

std::string header_value(const std::vector<Header>& headers, std::string_view name) {
  for (const Header& header : headers) {
    if (header.name == name) return header.value;
  }
  return {};
}

// "text/html; charset=ISO-8859-1" -> media type "text/html", charset "ISO-8859-1".
void parse_content_type(std::string_view value, std::string& media_type, std::string& charset) {
  std::size_t semicolon = value.find(';');
  media_type = unicode::ascii_lower(unicode::trim_ascii_space(value.substr(0, semicolon)));
  charset.clear();
  std::string params = unicode::ascii_lower(
      value.substr(semicolon == std::string_view::npos ? value.size() : semicolon));
  std::size_t at = params.find("charset=");
  if (at == std::string::npos) return;
  for (std::size_t i = at + 8; i < params.size() && charset.size() < 40; ++i) {
    char c = params[i];
    if (c == '"' || c == '\'') {
      if (charset.empty()) continue;
      break;
    }
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
              c == ':' || c == '.';
    if (!ok) break;
    charset += c;
  }
  for (char& c : charset) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
}

bool is_html_media_type(std::string_view media_type) {
  return media_type == "text/html" || media_type == "application/xhtml+xml";
}

// The first bytes look like an HTML page (the payload had no Content-Type).
bool looks_like_html(std::string_view body) {
  std::string head = unicode::ascii_lower(unicode::trim_ascii_space(body.substr(0, 512)));
  if (head.rfind("\xef\xbb\xbf", 0) == 0) head.erase(0, 3);
  for (std::string_view start : {"<!doctype html", "<html", "<head", "<body"}) {
    if (head.rfind(start, 0) == 0) return true;
  }
  return false;
}

// Chunked transfer-encoding (RFC 9112 7.1) -> the body; false with `error` when malformed.
bool decode_chunked(std::string_view in, std::size_t limit, std::string& out, std::string& error) {
  out.clear();
  std::size_t pos = 0;
  for (;;) {
    std::size_t eol = in.find('\n', pos);
    if (eol == std::string_view::npos) {
      error = "chunked body ends without its last (zero-size) chunk";
      return false;
    }
    std::string_view size_line = unicode::trim_ascii_space(in.substr(pos, eol - pos));
    size_line = size_line.substr(0, size_line.find(';'));  // chunk extensions
    size_line = unicode::trim_ascii_space(size_line);
    std::uint64_t size = 0;
    if (size_line.empty() || size_line.size() > 15) {
      error = "bad chunk size line " + quote(size_line);
      return false;
    }
    for (char c : size_line) {
      int digit = (c >= '0' && c <= '9')   ? c - '0'
                  : (c >= 'a' && c <= 'f') ? c - 'a' + 10
                  : (c >= 'A' && c <= 'F') ? c - 'A' + 10
                                           : -1;
      if (digit < 0) {
        error = "bad chunk size line " + quote(size_line);
        return false;
      }
      size = size * 16 + static_cast<std::uint64_t>(digit);
    }
    pos = eol + 1;
    if (size == 0) return true;  // trailer fields, if any, are ignored
    if (size > in.size() - pos) {
      error = "a chunk of " + std::to_string(size) + " bytes runs past the end of the record";
      return false;
    }
    if (out.size() + size > limit) {
      error = "decoded body is over the limit of " + std::to_string(limit) +
              " bytes per document (--max-bytes)";
      return false;
    }
    out.append(in.substr(pos, static_cast<std::size_t>(size)));
    pos += static_cast<std::size_t>(size);
    if (in.substr(pos, 2) == "\r\n") {
      pos += 2;
    } else if (in.substr(pos, 1) == "\n") {
      pos += 1;
    }
  }
}

// gzip or zlib (window_bits 15 + 32) or raw deflate (-15) -> bytes, at most `limit` of them.
bool inflate_body(std::string_view in, int window_bits, std::size_t limit, std::string& out,
                  std::string& error) {
  out.clear();
  z_stream z{};
  if (inflateInit2(&z, window_bits) != Z_OK) {
    error = "cannot start the decompressor";
    return false;
  }
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  z.avail_in = static_cast<uInt>(std::min<std::size_t>(in.size(), UINT32_MAX));
  char chunk[kReadChunkBytes];
  int status = Z_OK;
  while (status == Z_OK) {
    z.next_out = reinterpret_cast<Bytef*>(chunk);
    z.avail_out = sizeof chunk;
    status = inflate(&z, Z_NO_FLUSH);
    out.append(chunk, sizeof chunk - z.avail_out);
    if (out.size() > limit) {
      inflateEnd(&z);
      error = "decoded body is over the limit of " + std::to_string(limit) +
              " bytes per document (--max-bytes)";
      return false;
    }
    if (status == Z_BUF_ERROR && z.avail_in == 0) break;  // input ends before the stream does
  }
  std::string message = z.msg ? z.msg : "";
  inflateEnd(&z);
  if (status == Z_STREAM_END) return true;
  error = status == Z_BUF_ERROR ? "compressed body is cut short"
                                : "corrupt compressed body" +
                                      (message.empty() ? std::string() : " (" + message + ")");
  return false;
}

// Why a record gave no document.
enum class Outcome { kDocument, kNotHtml, kHttpNotOk, kError };

struct Record {
  std::size_t number = 0;
  std::uint64_t offset = 0;
  std::vector<Header> headers;
  std::string block;
};

class WarcReader {
 public:
  WarcReader(const std::string& name, const ReadOptions& options, const DocumentSink& on_document,
             const ErrorSink& on_error)
      : name_(name),
        base_(container_id_base(name, options)),
        options_(options),
        on_document_(on_document),
        on_error_(on_error) {}

  ContainerSummary read(ByteInput input) {
    RecordReader in(input);
    std::string line;
    for (;;) {
      // Records are separated by CR LF CR LF; tolerate any run of blank lines.
      std::uint64_t start = in.offset();
      RecordReader::LineStatus status;
      while ((status = in.read_line(line)) == RecordReader::LineStatus::kOk &&
             unicode::trim_ascii_space(line).empty()) {
        start = in.offset();
      }
      Record record;
      record.number = summary_.records + 1;
      record.offset = start;
      if (status == RecordReader::LineStatus::kEnd) {
        if (!in.error().empty()) fail(record, in.error());
        break;
      }
      ++summary_.records;
      if (status == RecordReader::LineStatus::kTooLong) {
        fail(record, "not a WARC record: a line of over " + std::to_string(kMaxHeaderLineBytes) +
                         " bytes where the version line ('WARC/1.0') should be");
        break;
      }
      if (line.rfind("WARC/", 0) != 0) {
        fail(record, std::string(record.number == 1 && !in.gzip() ? "not a WARC archive: "
                                                                  : "not a WARC record: ") +
                         "expected a version line 'WARC/1.0', found " + quote(line));
        break;
      }
      if (status == RecordReader::LineStatus::kCut) {
        fail(record, "truncated: the archive ends inside the record header");
        break;
      }
      if (!read_headers(in, record)) break;
      std::uint64_t length = 0;
      std::string length_text = header_value(record.headers, "content-length");
      if (!parse_size(length_text, length)) {
        fail(record, length_text.empty() ? "bad header: no Content-Length"
                                         : "bad header: Content-Length " + quote(length_text) +
                                               " is not a number of bytes");
        break;
      }
      std::string type = unicode::ascii_lower(
          unicode::trim_ascii_space(header_value(record.headers, "warc-type")));
      bool wanted = type == "response" || type == "resource";
      if (!wanted) {
        ++summary_.not_response;
        ++summary_.skipped;
      }
      bool too_big = wanted && length > options_.max_document_bytes;
      if (too_big) {
        fail(record, "record of " + std::to_string(length) + " bytes is over the limit of " +
                         std::to_string(options_.max_document_bytes) +
                         " bytes per document (--max-bytes); skipped");
      }
      bool keep = wanted && !too_big;
      std::uint64_t got = in.read_block(length, keep ? &record.block : nullptr);
      if (got < length) {
        std::string reason = "truncated: Content-Length is " + std::to_string(length) +
                             " bytes but the archive ends after " + std::to_string(got);
        if (!in.error().empty()) reason += " (" + in.error() + ")";
        fail(record, reason);
        break;
      }
      if (keep) read_payload(record, type);
    }
    if (summary_.records == 0 && summary_.errors == 0) {
      on_error_({name_, "empty input"});
    } else if (summary_.documents == 0 && summary_.errors == 0) {
      on_error_({name_,
                 "no HTML page in the archive (" + std::to_string(summary_.records) +
                     " record(s): " + std::to_string(summary_.not_response) + " not a response, " +
                     std::to_string(summary_.not_html) + " not HTML, " +
                     std::to_string(summary_.http_not_ok) + " with an HTTP status other than 2xx)",
                 /*warning=*/true});
    }
    return summary_;
  }

 private:
  void fail(const Record& record, const std::string& reason) {
    ++summary_.errors;
    on_error_({name_, "record " + std::to_string(record.number) + " at byte " +
                          std::to_string(record.offset) + ": " + reason});
  }

  bool read_headers(RecordReader& in, Record& record) {
    std::string line;
    for (std::size_t count = 0;; ++count) {
      RecordReader::LineStatus status = in.read_line(line);
      if (status == RecordReader::LineStatus::kEnd || status == RecordReader::LineStatus::kCut) {
        std::string reason = "truncated: the archive ends inside the record header";
        if (!in.error().empty()) reason += " (" + in.error() + ")";
        fail(record, reason);
        return false;
      }
      if (status == RecordReader::LineStatus::kTooLong || count >= kMaxHeaderLines) {
        fail(record, "bad header: over " + std::to_string(kMaxHeaderLines) +
                         " lines or a line over " + std::to_string(kMaxHeaderLineBytes) + " bytes");
        return false;
      }
      if (line.empty()) return true;
      if ((line.front() == ' ' || line.front() == '\t') && !record.headers.empty()) {
        record.headers.back().value +=
            " " + std::string(unicode::trim_ascii_space(line));  // folded line
        continue;
      }
      std::size_t colon = line.find(':');
      if (colon == std::string::npos || colon == 0) {
        fail(record, "bad header: line " + quote(line) + " is not 'Name: value'");
        return false;
      }
      record.headers.push_back(
          {unicode::ascii_lower(unicode::trim_ascii_space(std::string_view(line).substr(0, colon))),
           std::string(unicode::trim_ascii_space(std::string_view(line).substr(colon + 1)))});
    }
  }

  void read_payload(Record& record, const std::string& type) {
    std::string media_type, charset;
    std::string body;
    if (type == "resource") {
      parse_content_type(header_value(record.headers, "content-type"), media_type, charset);
      body = std::move(record.block);
    } else if (!http_payload(record, media_type, charset, body)) {
      return;
    }
    bool html = media_type.empty() ? looks_like_html(body) : is_html_media_type(media_type);
    if (!html || unicode::trim_ascii_space(body).empty()) {
      ++summary_.not_html;
      ++summary_.skipped;
      return;
    }
    Document document =
        document_from_html_bytes(base_ + "#" + std::to_string(record.number), body, charset);
    body.clear();
    body.shrink_to_fit();
    std::string uri =
        std::string(unicode::trim_ascii_space(header_value(record.headers, "warc-target-uri")));
    if (uri.size() >= 2 && uri.front() == '<' && uri.back() == '>') {
      uri = uri.substr(1, uri.size() - 2);  // WARC 1.0 drafts wrote <uri>
    }
    if (document.url.empty() && !uri.empty()) document.url = uri;
    if (document.published.empty()) {
      std::string date = normalise_date(header_value(record.headers, "warc-date"));
      if (!date.empty()) {
        document.published = date;
        document.diagnostics.push_back(
            {"ingest", "publication date taken from the archive's WARC-Date (capture date)"});
      }
    }
    std::string record_id = header_value(record.headers, "warc-record-id");
    document.diagnostics.push_back(
        {"ingest", "read from " + base_ + " record " + std::to_string(record.number) +
                       (record_id.empty() ? std::string() : " " + record_id)});
    ++summary_.documents;
    on_document_(std::move(document));
  }

  // The HTTP response in a `response` record: status, headers, body decoded. False when the
  // record gives no document (counted or reported here).
  bool http_payload(Record& record, std::string& media_type, std::string& charset,
                    std::string& body) {
    std::string_view block = record.block;
    if (block.rfind("HTTP/", 0) != 0) {
      fail(record, "response record does not hold an HTTP response (starts with " +
                       quote(block.substr(0, 20)) + ")");
      return false;
    }
    std::size_t header_end = block.find("\r\n\r\n");
    std::size_t body_start = header_end == std::string_view::npos ? header_end : header_end + 4;
    std::size_t lf_end = block.find("\n\n");
    if (lf_end != std::string_view::npos &&
        (header_end == std::string_view::npos || lf_end < header_end)) {
      body_start = lf_end + 2;
    }
    if (body_start == std::string_view::npos) body_start = block.size();  // headers only
    std::string_view head = block.substr(0, body_start);
    std::size_t line_end = head.find('\n');
    std::string_view status_line = unicode::trim_ascii_space(head.substr(0, line_end));
    std::size_t space = status_line.find(' ');
    std::uint64_t status = 0;
    if (space == std::string_view::npos || !parse_size(status_line.substr(space + 1, 3), status)) {
      fail(record, "bad HTTP status line " + quote(status_line));
      return false;
    }
    if (status < 200 || status > 299) {
      ++summary_.http_not_ok;
      ++summary_.skipped;
      return false;
    }
    std::string content_type, transfer_encoding, content_encoding;
    for (std::size_t pos = line_end == std::string_view::npos ? head.size() : line_end + 1;
         pos < head.size();) {
      std::size_t end = head.find('\n', pos);
      if (end == std::string_view::npos) end = head.size();
      std::string_view line = head.substr(pos, end - pos);
      pos = end + 1;
      std::size_t colon = line.find(':');
      if (colon == std::string_view::npos) continue;
      std::string field = unicode::ascii_lower(unicode::trim_ascii_space(line.substr(0, colon)));
      std::string_view value = unicode::trim_ascii_space(line.substr(colon + 1));
      if (field == "content-type") content_type = value;
      if (field == "transfer-encoding") transfer_encoding = unicode::ascii_lower(value);
      if (field == "content-encoding") content_encoding = unicode::ascii_lower(value);
    }
    parse_content_type(content_type, media_type, charset);
    if (!media_type.empty() && !is_html_media_type(media_type)) {
      ++summary_.not_html;
      ++summary_.skipped;
      return false;
    }
    std::string_view raw = block.substr(body_start);
    std::string error;
    if (transfer_encoding.find("chunked") != std::string::npos) {
      if (!decode_chunked(raw, options_.max_document_bytes, body, error)) {
        fail(record, "HTTP body: " + error);
        return false;
      }
    } else {
      body = raw;
    }
    record.block.clear();
    record.block.shrink_to_fit();
    std::string encoding = std::string(unicode::trim_ascii_space(content_encoding));
    if (encoding == "gzip" || encoding == "x-gzip" || encoding == "deflate") {
      std::string decoded;
      bool ok = inflate_body(body, 15 + 32, options_.max_document_bytes, decoded, error);
      if (!ok && encoding == "deflate" && error.rfind("corrupt", 0) == 0) {
        ok = inflate_body(body, -15, options_.max_document_bytes, decoded, error);  // raw
      }
      if (ok) {
        body = std::move(decoded);
      } else if (!looks_like_html(body)) {
        // Some crawlers store the decoded body but keep the header: then the body is HTML.
        fail(record, "HTTP body (Content-Encoding: " + encoding + "): " + error);
        return false;
      }
    } else if (!encoding.empty() && encoding != "identity") {
      fail(record, "HTTP body: unsupported Content-Encoding " + quote(encoding));
      return false;
    }
    return true;
  }

  const std::string& name_;
  std::string base_;
  const ReadOptions& options_;
  const DocumentSink& on_document_;
  const ErrorSink& on_error_;
  ContainerSummary summary_;
};

}  // namespace

ContainerSummary read_warc(const std::string& name, ByteInput input, const ReadOptions& options,
                           const DocumentSink& on_document, const ErrorSink& on_error) {
  return WarcReader(name, options, on_document, on_error).read(input);
}

}  // namespace vigie::ingest
