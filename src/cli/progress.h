// A one-line progress report for long `vigie extract` runs: documents, events, rate and ETA,
// redrawn in place on stderr. Silent when stderr is not a terminal (logs, pipes, tests).
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

namespace vigie::cli {

// How many documents `inputs` hold (files under directories, lines of JSON Lines files), for the
// ETA; 0 when unknown (standard input, unreadable paths).
std::size_t count_input_documents(const std::vector<std::string>& inputs);

class ProgressLine {
 public:
  // `total_documents` 0: unknown, no ETA. `enabled` false: never draws.
  ProgressLine(std::size_t total_documents, bool enabled);
  // Redraws at most every kRefreshSeconds.
  void update(std::size_t documents, std::size_t events);
  // Draws the final figures and ends the line (when anything was drawn).
  void finish(std::size_t documents, std::size_t events);

  // Human eyes read a line refreshed four times a second; faster only costs write() calls.
  static constexpr double kRefreshSeconds = 0.25;

  // True when stderr is a terminal.
  static bool stderr_is_terminal();

 private:
  void draw(std::size_t documents, std::size_t events, bool final);
  std::size_t total_;
  bool enabled_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point start_, last_;
};

}  // namespace vigie::cli
