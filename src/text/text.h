// Stage `text`: tokenization and sentence splitting for French and English.
//
// This is the foundation's rule-based segmenter: words, numbers, punctuation and quote marks with
// byte offsets, French elision split off ("l'", "d'", "qu'"), English clitics split off ("'s",
// "n't"), abbreviations kept whole ("M.", "U.S."), sentences ended by . ! ? … outside
// abbreviations and by paragraph breaks. The linguistic-core issue replaces it with a
// UD-conformant, trained analysis behind the same entry points.
//
// Thread safety: all functions are pure; call them from any number of threads.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "document/document.h"

namespace vigie::text {

// Tokens of `text`, offsets relative to `text`. `lang` is an ISO 639-1 code ("fr", "en"); other
// languages get the language-neutral rules.
std::vector<Token> tokenize(std::string_view text, std::string_view lang);

// Splits `tokens` (from tokenize() over `text`) into sentences: returns, for each sentence, the
// index of its first token and its token count. Paragraph breaks (a blank line, or a single
// newline) always end a sentence.
struct SentenceBounds {
  std::uint32_t first_token = 0;
  std::uint32_t token_count = 0;
  std::uint32_t paragraph = 0;
};
std::vector<SentenceBounds> split_sentences(std::string_view text, const std::vector<Token>& tokens,
                                            std::string_view lang);

// Fills `document.tokens` and `document.sentences` from its title then its body. Replaces
// anything those vectors held before.
void segment(Document& document);

}  // namespace vigie::text
