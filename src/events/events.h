// Stage `events`: where a sentence becomes an event.
//
// EventCoder reads the event dictionaries (dictionaries/events/verbs.*.yaml: verbs found by
// lemma, event nouns by form, patterns over the trigger's complements in the dependency parse —
// the format is documented at the top of verbs.fr.yaml) and the CAMEO code table
// (dictionaries/cameo/codes.yaml). For each sentence it finds the dictionary triggers, picks the
// first pattern whose conditions hold, reads the source and target from the parse (subject,
// passive agent, object, oblique and infinitive complements, relative clauses, coordination,
// pronouns resolved to earlier actors; word order where the parse names no actor), the modality
// (conditional mood, future tense, modals, negation, reportative markers, denials) and the
// attribution from a reporting verb or "selon"/"according to". It also extracts quotations with
// their speaker. Every event carries its trigger span and the dictionary rule (file:line) that
// produced it. No event without a dictionary match, and none without a coded source.
//
// Thread safety: immutable after load(); code() may run on many threads at once.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "document/document.h"
#include "document/expected.h"

namespace vigie::events {

struct CameoCode {
  std::string code;         // "072"
  std::string name;         // Vigie's short name
  double goldstein = 0;
  int quad_class = 0;       // 1..4
  std::string plover_type;  // may be empty where PLOVER has no counterpart (roots 01, 02)
  std::string plover_mode;
};

// The CAMEO code table: every code with its Goldstein value, quad class and PLOVER mapping.
class CameoTable {
 public:
  static Expected<CameoTable> load(const std::string& path);
  const CameoCode* find(const std::string& code) const;  // nullptr when unknown
  std::size_t size() const;
  CameoTable(CameoTable&&) noexcept;
  CameoTable& operator=(CameoTable&&) noexcept;
  ~CameoTable();

 private:
  CameoTable();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

class EventCoder {
 public:
  // Loads verbs.*.yaml from `events_dir` and the code table at `cameo_table`. Every pattern's
  // code must be in the table; errors name the file and line.
  static Expected<EventCoder> load(const std::string& events_dir, const std::string& cameo_table);

  // Fills document.events and document.quotes. Needs tokens, sentences and actors.
  void code(Document& document) const;

  std::size_t pattern_count() const;
  EventCoder(EventCoder&&) noexcept;
  EventCoder& operator=(EventCoder&&) noexcept;
  ~EventCoder();

 private:
  EventCoder();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Checks the CAMEO table and every verbs.*.yaml in `events_dir` and returns every problem found,
// each naming file and line (unknown keys, codes missing from the table, empty forms, wrong quad
// classes). Empty when all is well.
std::vector<Error> lint_event_dictionaries(const std::string& events_dir,
                                           const std::string& cameo_table);

}  // namespace vigie::events
