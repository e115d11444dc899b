// libFuzzer target: arbitrary bytes -> the text stage (text::tokenize, text::split_sentences,
// text::segment) in French and English, then the French contraction split of every token
// (syntax::contraction_words). Besides crashes, leaks and UB, it checks the invariants every
// later stage relies on and traps when one breaks:
//   - tokens are non-empty, inside the text, in increasing order and non-overlapping;
//   - token boundaries fall on code point boundaries (as unicode::decode walks the text, which
//     for invalid bytes is one byte per U+FFFD);
//   - only white space is left between tokens (the tokenizer drops nothing else);
//   - sentences are non-empty and cover the tokens in order, each once; paragraph numbers never
//     decrease;
//   - segment() yields the title's then the body's tokens, sentence spans are those of their
//     first and last tokens;
//   - on valid UTF-8, every token's surface is valid UTF-8 and its folded form is non-empty;
//   - contraction words are never empty.
// Build and run: `make fuzz` (CMake option VIGIE_BUILD_FUZZ, clang).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "document/document.h"
#include "syntax/syntax.h"
#include "text/text.h"
#include "unicode/utf8.h"

namespace {

using vigie::Document;
using vigie::Field;
using vigie::Token;

void check(bool ok) {
  if (!ok) __builtin_trap();
}

// starts[i]: a code point starts at byte i (or i == text.size()), as unicode::decode walks it.
std::vector<bool> code_point_starts(std::string_view text) {
  std::vector<bool> starts(text.size() + 1, false);
  for (std::size_t i = 0; i < text.size();) {
    starts[i] = true;
    char32_t cp;
    std::size_t n = vigie::unicode::decode(text, i, &cp);
    check(n >= 1);
    i += n;
  }
  starts[text.size()] = true;
  return starts;
}

// True when [begin, end) of `text` is nothing but white space code points.
bool only_space(std::string_view text, std::size_t begin, std::size_t end) {
  for (std::size_t i = begin; i < end;) {
    char32_t cp;
    std::size_t n = vigie::unicode::decode(text, i, &cp);
    if (!vigie::unicode::is_space(cp)) return false;
    i += n;
  }
  return true;
}

void check_tokens(std::string_view text, const std::vector<Token>& tokens, bool valid_utf8,
                  bool french) {
  const std::vector<bool> starts = code_point_starts(text);
  std::size_t previous_end = 0;
  for (const Token& token : tokens) {
    check(token.span.begin < token.span.end);  // never empty
    check(token.span.end <= text.size());
    check(token.span.begin >= previous_end);  // increasing, no overlap
    check(starts[token.span.begin] && starts[token.span.end]);
    check(only_space(text, previous_end, token.span.begin));
    std::string_view surface = text.substr(token.span.begin, token.span.size());
    if (valid_utf8) {
      check(vigie::unicode::is_valid_utf8(surface));
      check(!token.folded.empty());
    }
    // Every French token goes through the contraction split before tagging.
    for (bool des_is_contraction : {false, true}) {
      if (!french) break;
      for (const std::string& word :
           vigie::syntax::contraction_words(surface, "fr", des_is_contraction)) {
        check(!word.empty());
      }
    }
    previous_end = token.span.end;
  }
  check(only_space(text, previous_end, text.size()));
}

void check_sentences(const std::vector<vigie::text::SentenceBounds>& bounds,
                     std::size_t token_count) {
  check(token_count == 0 ? bounds.empty() : !bounds.empty());
  std::uint32_t next = 0;
  std::uint32_t paragraph = 0;
  for (const vigie::text::SentenceBounds& b : bounds) {
    check(b.token_count > 0);
    check(b.first_token == next);  // in order, no gap, no overlap
    check(b.paragraph >= paragraph);
    paragraph = b.paragraph;
    next = b.first_token + b.token_count;
    check(next <= token_count);
  }
  check(next == token_count);
}

void check_text(std::string_view text, bool valid_utf8) {
  for (std::string_view lang : {"fr", "en"}) {
    std::vector<Token> tokens = vigie::text::tokenize(text, lang);
    check_tokens(text, tokens, valid_utf8, lang == "fr");
    check_sentences(vigie::text::split_sentences(text, tokens, lang), tokens.size());
  }
}

void check_segment(std::string_view bytes) {
  // The first line is the title, the rest the body.
  std::size_t newline = bytes.find('\n');
  Document document;
  document.title = std::string(bytes.substr(0, newline));
  document.text = newline == std::string_view::npos ? "" : std::string(bytes.substr(newline + 1));
  for (const char* lang : {"fr", "en"}) {
    document.lang = lang;
    vigie::text::segment(document);
    std::uint32_t next = 0;
    bool in_body = false;
    for (const vigie::Sentence& sentence : document.sentences) {
      check(sentence.token_count > 0);
      check(sentence.first_token == next);
      next = sentence.first_token + sentence.token_count;
      check(next <= document.tokens.size());
      if (sentence.field == Field::kBody) in_body = true;
      check(sentence.field == Field::kBody || !in_body);  // title sentences come first
      if (sentence.field == Field::kTitle) check(sentence.paragraph == 0);
      const std::string& field_text = document.field_text(sentence.field);
      check(sentence.span.begin < sentence.span.end && sentence.span.end <= field_text.size());
      check(sentence.span.begin == document.tokens[sentence.first_token].span.begin);
      check(sentence.span.end == document.tokens[next - 1].span.end);
    }
    check(next == document.tokens.size());
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  // As given (the stage must not crash on invalid bytes), then repaired as ingest hands it on.
  check_text(bytes, vigie::unicode::is_valid_utf8(bytes));
  std::string repaired = vigie::unicode::repair_utf8(bytes);
  check_text(repaired, true);
  check_segment(repaired);
  return 0;
}
