#include "text/text.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>

#include "unicode/utf8.h"

namespace vigie::text {
namespace {

using unicode::decode;

constexpr std::array<std::string_view, 12> kFrenchElisions = {
    "l'", "d'", "j'", "m'", "n'", "s'", "t'", "c'", "qu'", "jusqu'", "lorsqu'", "puisqu'"};

// Abbreviations whose final period does not end a sentence (folded, with the period).
constexpr std::array<std::string_view, 40> kAbbreviations = {
    "m.",    "mm.",  "mme.", "mlle.", "dr.",  "pr.",   "st.",   "mr.",  "mrs.",  "ms.",
    "prof.", "gen.", "gén.", "col.",  "lt.",  "sgt.",  "capt.", "gov.", "sen.",  "rep.",
    "jan.",  "feb.", "mar.", "apr.",  "aug.", "sept.", "sep.",  "oct.", "nov.",  "dec.",
    "no.",   "vs.",  "etc.", "av.",   "bd.",  "inc.",  "ltd.",  "co.",  "corp.", "jr."};

// The AP abbreviations of US states and Canadian provinces that are not chains of single
// letters ("N.Y." is one already), folded, with the period. They qualify a town after a comma
// ("Lexington, Ky.", "London, Ont."), where they keep their period; elsewhere "Mass.", "Ill." or
// "Man." may well be a word ending a sentence.
constexpr std::array<std::string_view, 39> kPlaceAbbreviations = {
    "ala.",  "ariz.", "ark.", "calif.", "colo.", "conn.", "del.",  "fla.",  "ga.",   "ill.",
    "ind.",  "kan.",  "ky.",  "la.",    "md.",   "mass.", "mich.", "minn.", "miss.", "mo.",
    "mont.", "neb.",  "nev.", "okla.",  "ore.",  "pa.",   "tenn.", "tex.",  "vt.",   "va.",
    "wash.", "wis.",  "wyo.", "alta.",  "sask.", "man.",  "ont.",  "que.",  "nfld."};

bool is_place_abbreviation(std::string_view folded_with_period) {
  return std::find(kPlaceAbbreviations.begin(), kPlaceAbbreviations.end(), folded_with_period) !=
         kPlaceAbbreviations.end();
}

bool is_quote_mark(char32_t cp) {
  return cp == '"' || cp == 0x00AB || cp == 0x00BB || cp == 0x201C || cp == 0x201D ||
         cp == 0x201E || cp == 0x2018 || cp == 0x2039 || cp == 0x203A;
}

bool is_apostrophe(char32_t cp) {
  return cp == '\'' || cp == 0x2019 || cp == 0x02BC;
}

bool is_word_char(char32_t cp) {
  return unicode::is_letter(cp) || unicode::is_digit(cp);
}

struct Cursor {
  std::string_view text;
  std::size_t pos = 0;
  char32_t peek(std::size_t at) const {
    if (at >= text.size()) return 0;
    char32_t cp;
    decode(text, at, &cp);
    return cp;
  }
  std::size_t length_at(std::size_t at) const {
    char32_t cp;
    return decode(text, at, &cp);
  }
};

Token make_token(std::string_view text, std::size_t begin, std::size_t end, TokenKind kind) {
  Token token;
  token.span = {static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(end)};
  token.kind = kind;
  std::string_view surface = text.substr(begin, end - begin);
  token.folded = unicode::fold(surface);
  char32_t first;
  decode(surface, 0, &first);
  token.capitalized = unicode::is_upper(first);
  return token;
}

bool is_abbreviation(std::string_view folded_with_period) {
  return std::find(kAbbreviations.begin(), kAbbreviations.end(), folded_with_period) !=
         kAbbreviations.end();
}

// Scans a word starting at `begin`: letters and digits joined by inner hyphens, periods of
// acronyms ("U.S."), and apostrophes. Returns its end.
std::size_t scan_word(const Cursor& c, std::size_t begin) {
  std::size_t i = begin;
  while (i < c.text.size()) {
    char32_t cp = c.peek(i);
    if (is_word_char(cp)) {
      i += c.length_at(i);
      continue;
    }
    std::size_t next = i + c.length_at(i);
    bool joins = (cp == '-' || cp == 0x2011 || is_apostrophe(cp)) && next < c.text.size() &&
                 is_word_char(c.peek(next));
    if (joins) {
      i = next;
      continue;
    }
    break;
  }
  return i;
}

// Splits one scanned word into tokens: French elisions and English clitics come apart.
void emit_word(std::string_view text, std::size_t begin, std::size_t end, std::string_view lang,
               std::vector<Token>& out) {
  std::string_view word = text.substr(begin, end - begin);
  // Find apostrophes inside the word.
  for (std::size_t i = 0; i < word.size();) {
    char32_t cp;
    std::size_t n = decode(word, i, &cp);
    if (is_apostrophe(cp) && i > 0) {
      std::string prefix = unicode::fold(word.substr(0, i)) + "'";
      bool elision = lang != "en" && std::find(kFrenchElisions.begin(), kFrenchElisions.end(),
                                               prefix) != kFrenchElisions.end();
      if (elision) {
        out.push_back(make_token(text, begin, begin + i + n, TokenKind::kWord));
        emit_word(text, begin + i + n, end, lang, out);
        return;
      }
      if (lang == "en") {
        std::string suffix = unicode::fold(word.substr(i + n));
        if (suffix == "s" || suffix == "re" || suffix == "ve" || suffix == "ll" || suffix == "d" ||
            suffix == "m") {
          out.push_back(make_token(text, begin, begin + i, TokenKind::kWord));
          out.push_back(make_token(text, begin + i, end, TokenKind::kWord));
          return;
        }
        if (suffix == "t" && i >= 2 && (word[i - 1] == 'n' || word[i - 1] == 'N')) {
          // "don't" -> "do" "n't"; "can't" -> "ca" "n't" as UD does. A bare "n't" stays one
          // token (i == 1 made an empty "" token before it: found by fuzz/text_fuzzer).
          out.push_back(make_token(text, begin, begin + i - 1, TokenKind::kWord));
          out.push_back(make_token(text, begin + i - 1, end, TokenKind::kWord));
          return;
        }
      }
    }
    i += n;
  }
  out.push_back(make_token(text, begin, end, TokenKind::kWord));
}

// A URL ("http://...", "https://...", "www....") or an e-mail address starting at `i`: returns
// its end (trailing punctuation left out), or `i` when there is none.
std::size_t scan_url_or_email(std::string_view text, std::size_t i) {
  auto url_char = [](unsigned char c) {
    return c > 0x20 && c < 0x7F && c != '"' && c != '<' && c != '>';
  };
  auto trim = [&](std::size_t end, std::string_view trailing) {
    while (end > i && trailing.find(text[end - 1]) != std::string_view::npos) --end;
    return end;
  };
  std::string_view rest = text.substr(i);
  if (rest.starts_with("http://") || rest.starts_with("https://") || rest.starts_with("www.")) {
    std::size_t end = i;
    while (end < text.size() && url_char(static_cast<unsigned char>(text[end]))) ++end;
    return trim(end, ".,;:!?)]}'");
  }
  auto local_char = [](unsigned char c) {
    return std::isalnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
  };
  auto domain_char = [](unsigned char c) { return std::isalnum(c) || c == '.' || c == '-'; };
  std::size_t at = i;
  while (at < text.size() && local_char(static_cast<unsigned char>(text[at]))) ++at;
  if (at == i || at >= text.size() || text[at] != '@') return i;
  std::size_t end = at + 1;
  while (end < text.size() && domain_char(static_cast<unsigned char>(text[end]))) ++end;
  end = trim(end, ".-");
  std::string_view domain = text.substr(at + 1, end - at - 1);
  if (domain.size() < 3 || domain.find('.') == std::string_view::npos) return i;
  return end;
}

// Punctuation that repeats into one token ("!!!", "--", "....", "**", "?!").
bool joins_run(char32_t first, char32_t next) {
  auto terminal = [](char32_t c) { return c == '!' || c == '?'; };
  if (terminal(first) && terminal(next)) return true;
  return first == next &&
         (first == '.' || first == '-' || first == '*' || first == '=' || first == '_' ||
          first == '~' || first == '#' || first == '!' || first == '?');
}

}  // namespace

std::vector<Token> tokenize(std::string_view text, std::string_view lang) {
  std::vector<Token> out;
  Cursor c{text};
  std::size_t i = 0;
  while (i < text.size()) {
    char32_t cp;
    std::size_t n = decode(text, i, &cp);
    if (unicode::is_space(cp)) {
      i += n;
      continue;
    }
    if (std::isalnum(static_cast<unsigned char>(text[i]))) {
      if (std::size_t end = scan_url_or_email(text, i); end > i) {
        out.push_back(make_token(text, i, end, TokenKind::kSymbol));
        i = end;
        continue;
      }
    }
    if (unicode::is_digit(cp)) {
      // Number: digits with inner separators followed by a digit ("1,000", "7,8", "2021").
      std::size_t j = i;
      while (j < text.size()) {
        char32_t d = c.peek(j);
        if (unicode::is_digit(d)) {
          j += c.length_at(j);
        } else if ((d == ',' || d == '.') && j + 1 < text.size() &&
                   unicode::is_digit(c.peek(j + 1))) {
          j += 1;
        } else {
          break;
        }
      }
      // A number glued to letters ("2e", "G7", "F-16") is a word.
      if (j < text.size() && unicode::is_letter(c.peek(j))) {
        std::size_t end = scan_word(c, i);
        emit_word(text, i, end, lang, out);
        i = end;
      } else {
        out.push_back(make_token(text, i, j, TokenKind::kNumber));
        i = j;
      }
      continue;
    }
    if (unicode::is_letter(cp)) {
      std::size_t end = scan_word(c, i);
      // Acronyms with periods ("U.S.", "U.N.") and listed abbreviations keep their period.
      if (end < text.size() && text[end] == '.') {
        std::size_t j = end;
        // Extend over ".X." chains of single letters ("U.S.", "N.Y."), and after a single
        // capital one two-letter piece ("W.Va.", the AP abbreviation of West Virginia).
        const bool starts_single = (end - i) == c.length_at(i) && unicode::is_upper(cp);
        while (j + 2 < text.size() && text[j] == '.' && unicode::is_letter(c.peek(j + 1))) {
          std::size_t piece = j + 1 + c.length_at(j + 1);
          if (piece < text.size() && text[piece] == '.') {
            j = piece;
            continue;
          }
          if (starts_single && j == end && unicode::is_upper(c.peek(j + 1)) &&
              piece < text.size() && unicode::is_letter(c.peek(piece)) &&
              !unicode::is_upper(c.peek(piece))) {
            const std::size_t after = piece + c.length_at(piece);
            if (after < text.size() && text[after] == '.') {
              j = after;
              continue;
            }
          }
          break;
        }
        std::string candidate = unicode::fold(text.substr(i, end + 1 - i));
        if (j > end) {
          out.push_back(make_token(text, i, j + 1, TokenKind::kWord));
          i = j + 1;
          continue;
        }
        // "Lexington, Ky.": a capitalised place abbreviation right after a name and a comma.
        const bool qualifies_a_name = out.size() >= 2 && out.back().folded == "," &&
                                      out[out.size() - 2].capitalized && unicode::is_upper(cp) &&
                                      is_place_abbreviation(candidate);
        if (is_abbreviation(candidate) || starts_single || qualifies_a_name) {
          out.push_back(make_token(text, i, end + 1, TokenKind::kWord));
          i = end + 1;
          continue;
        }
      }
      emit_word(text, i, end, lang, out);
      i = end;
      continue;
    }
    if (is_quote_mark(cp) || is_apostrophe(cp)) {
      out.push_back(make_token(text, i, i + n, TokenKind::kQuote));
      i += n;
      continue;
    }
    if (i + 1 < text.size() && joins_run(cp, static_cast<unsigned char>(text[i + 1]))) {
      std::size_t end = i + 1;
      while (end < text.size() && joins_run(cp, static_cast<unsigned char>(text[end]))) ++end;
      out.push_back(make_token(text, i, end, TokenKind::kPunctuation));
      i = end;
      continue;
    }
    TokenKind kind = unicode::is_punctuation(cp) ? TokenKind::kPunctuation : TokenKind::kSymbol;
    out.push_back(make_token(text, i, i + n, kind));
    i += n;
  }
  return out;
}

std::vector<SentenceBounds> split_sentences(std::string_view text, const std::vector<Token>& tokens,
                                            std::string_view /*lang*/) {
  std::vector<SentenceBounds> out;
  if (tokens.empty()) return out;
  std::uint32_t paragraph = 0;
  std::uint32_t start = 0;
  auto close = [&](std::uint32_t end_exclusive) {
    if (end_exclusive > start) out.push_back({start, end_exclusive - start, paragraph});
    start = end_exclusive;
  };
  auto newline_between = [&](std::size_t a, std::size_t b) {
    return text.substr(a, b - a).find('\n') != std::string_view::npos;
  };
  for (std::uint32_t t = 0; t < tokens.size(); ++t) {
    // A line break before this token closes the sentence and the paragraph.
    if (t > start && newline_between(tokens[t - 1].span.end, tokens[t].span.begin)) {
      close(t);
      ++paragraph;
    } else if (t > 0 && t == start &&
               newline_between(tokens[t - 1].span.end, tokens[t].span.begin)) {
      ++paragraph;
    }
    const Token& token = tokens[t];
    std::string_view surface = text.substr(token.span.begin, token.span.size());
    // ".", "!", "?" and their runs ("...", "?!", "!!!"), or "…".
    // A place abbreviation ends its sentence as a period would ("... in Lexington, Ky. Police
    // said"), but not a dateline ("LONDON, Ky. (AP) -"), whose next token is no sentence start.
    bool terminal =
        (!surface.empty() && surface.find_first_not_of(".!?") == std::string_view::npos) ||
        surface == "\u2026" ||
        (surface.size() > 2 && surface.back() == '.' && is_place_abbreviation(token.folded));
    if (!terminal) continue;
    // Absorb following terminal punctuation and closing quotes/brackets.
    std::uint32_t end = t + 1;
    while (end < tokens.size()) {
      std::string_view next = text.substr(tokens[end].span.begin, tokens[end].span.size());
      bool closing = next == "\u201D" || next == "\u00BB" || next == ")" || next == "\"" ||
                     next == "!" || next == "?" || next == "." || next == "\u2019";
      if (!closing || newline_between(tokens[end - 1].span.end, tokens[end].span.begin)) break;
      // A straight quote closes only when glued to the period.
      if (next == "\"" && tokens[end].span.begin != tokens[end - 1].span.end) break;
      ++end;
    }
    if (end >= tokens.size()) {
      t = end - 1;
      continue;
    }
    // The next token must look like a sentence start.
    const Token& next = tokens[end];
    bool starts = next.capitalized || next.kind == TokenKind::kQuote ||
                  next.kind == TokenKind::kNumber || next.folded == "-" || next.folded == "\u2014";
    if (starts || newline_between(tokens[end - 1].span.end, next.span.begin)) {
      close(end);
      t = end - 1;
    }
  }
  close(static_cast<std::uint32_t>(tokens.size()));
  return out;
}

void segment(Document& document) {
  document.tokens.clear();
  document.sentences.clear();
  for (Field field : {Field::kTitle, Field::kBody}) {
    const std::string& field_text = document.field_text(field);
    std::vector<Token> tokens = tokenize(field_text, document.lang);
    std::vector<SentenceBounds> bounds = split_sentences(field_text, tokens, document.lang);
    auto offset = static_cast<std::uint32_t>(document.tokens.size());
    for (const SentenceBounds& b : bounds) {
      Sentence sentence;
      sentence.field = field;
      sentence.first_token = offset + b.first_token;
      sentence.token_count = b.token_count;
      sentence.paragraph = field == Field::kTitle ? 0 : b.paragraph;
      sentence.span = {tokens[b.first_token].span.begin,
                       tokens[b.first_token + b.token_count - 1].span.end};
      document.sentences.push_back(sentence);
    }
    for (Token& token : tokens) document.tokens.push_back(std::move(token));
  }
}

}  // namespace vigie::text
