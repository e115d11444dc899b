#include "cli/progress.h"

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "ingest/containers.h"

namespace vigie::cli {
namespace {

namespace fs = std::filesystem;

bool is_jsonl(const fs::path& path) {
  return path.extension() == ".jsonl" || path.extension() == ".ndjson";
}
bool is_document(const fs::path& path) {
  static const char* const kExtensions[] = {".txt", ".text", ".html", ".htm", ".xhtml"};
  for (const char* extension : kExtensions) {
    if (path.extension() == extension) return true;
  }
  return false;
}
std::size_t count_lines(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::size_t lines = 0;
  std::string line;
  while (std::getline(in, line)) lines += line.find_first_not_of(" \t\r") != std::string::npos;
  return lines;
}

}  // namespace

std::size_t count_input_documents(const std::vector<std::string>& inputs) {
  std::size_t total = 0;
  std::error_code error;
  for (const std::string& input : inputs) {
    if (input == "-") return 0;
    fs::path path(input);
    // An archive or a feed holds an unknown number of documents: no total, no ETA.
    bool container =
        ingest::container_format_from_name(path.filename().string()) != ingest::InputFormat::kAuto;
    if (container && !fs::is_directory(path, error)) {
      return 0;
    }
    if (fs::is_directory(path, error)) {
      for (fs::recursive_directory_iterator it(path, error), end; !error && it != end;
           it.increment(error)) {
        if (!it->is_regular_file(error)) continue;
        if (ingest::container_format_from_name(it->path().filename().string()) !=
            ingest::InputFormat::kAuto) {
          return 0;
        }
        if (is_jsonl(it->path())) {
          total += count_lines(it->path());
        } else if (is_document(it->path())) {
          ++total;
        }
      }
    } else if (fs::is_regular_file(path, error)) {
      total += is_jsonl(path) ? count_lines(path) : 1;
    }
  }
  return total;
}

bool ProgressLine::stderr_is_terminal() { return isatty(STDERR_FILENO) == 1; }

ProgressLine::ProgressLine(std::size_t total_documents, bool enabled)
    : total_(total_documents), enabled_(enabled) {
  start_ = last_ = std::chrono::steady_clock::now();
}

void ProgressLine::update(std::size_t documents, std::size_t events) {
  if (!enabled_) return;
  auto now = std::chrono::steady_clock::now();
  if (std::chrono::duration<double>(now - last_).count() < kRefreshSeconds) return;
  last_ = now;
  draw(documents, events, false);
}

void ProgressLine::finish(std::size_t documents, std::size_t events) {
  if (!enabled_ || !drawn_) return;
  draw(documents, events, true);
}

void ProgressLine::draw(std::size_t documents, std::size_t events, bool final) {
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  double rate = seconds > 0 ? documents / seconds : 0;
  char eta[32] = "";
  if (total_ > documents && rate > 0 && !final) {
    long remaining = static_cast<long>((total_ - documents) / rate);
    std::snprintf(eta, sizeof eta, ", ETA %ld:%02ld", remaining / 60, remaining % 60);
  }
  char of_total[32] = "";
  if (total_ > 0) std::snprintf(of_total, sizeof of_total, "/%zu", total_);
  std::fprintf(stderr, "\r\033[Kvigie: %zu%s documents, %zu events, %.1f documents/s%s%s",
               documents, of_total, events, rate, eta, final ? "\n" : "");
  std::fflush(stderr);
  drawn_ = true;
}

}  // namespace vigie::cli
