#include "cli/extract_command.h"

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <functional>
#include <thread>
#include <fstream>
#include <iostream>
#include <regex>

#include "cli/progress.h"
#include "cli/store_commands.h"
#include "document/document_json.h"
#include "ingest/ingest.h"
#include "pipeline/pipeline.h"
#include "unicode/utf8.h"

namespace vigie::cli {
namespace {

constexpr int kExitNothingProcessed = 1;
constexpr int kExitSetupFailed = 3;

const char* const kExtractFooter = R"(Exit status:
  0  at least one document was processed (problems with other inputs are reported on stderr,
     one line each: "vigie: INPUT: reason", and do not stop the run)
  1  no document could be processed
  2  the command line is wrong
  3  the dictionaries could not be loaded, or the output file or --db store could not be
     written
On a terminal, a progress line (documents, events, rate, ETA) is drawn on stderr.
Invalid UTF-8 is repaired (U+FFFD) with a warning; the document is still processed.)";

std::string actor_cell(const std::optional<Actor>& actor) {
  if (!actor) return "-";
  return (actor->code.empty() ? std::string("?") : actor->code);
}

class TableWriter {
 public:
  explicit TableWriter(std::ostream& out) : out_(out) {}
  void header() {
    out_ << unicode::pad_to_width("document", 28) << unicode::pad_to_width("date", 11) << unicode::pad_to_width("source", 10) << unicode::pad_to_width("event", 36)
         << unicode::pad_to_width("target", 10) << unicode::pad_to_width("modality", 9) << "trigger\n";
    out_ << std::string(120, '-') << "\n";
  }
  void write(const Document& document) {
    for (const Event& event : document.events) {
      std::string what = event.cameo + " " + event.cameo_name;
      out_ << unicode::pad_to_width(unicode::clip_to_width(document.id, 26), 28) << unicode::pad_to_width(event.date.empty() ? "-" : event.date, 11)
           << unicode::pad_to_width(actor_cell(event.source), 10) << unicode::pad_to_width(unicode::clip_to_width(what, 34), 36)
           << unicode::pad_to_width(actor_cell(event.target), 10) << unicode::pad_to_width(to_string(event.modality), 9)
           << event.trigger_text;
      if (event.attribution) out_ << "  [per " << actor_cell(event.attribution) << "]";
      out_ << "\n";
      ++events_;
    }
    ++documents_;
  }
  void footer() {
    out_ << std::string(120, '-') << "\n"
         << events_ << " event(s) in " << documents_ << " document(s)\n";
  }

 private:
  std::ostream& out_;
  std::size_t events_ = 0;
  std::size_t documents_ = 0;
};

// Runs the pipeline over batches of documents on N threads; hands results to `write` in the order
// the documents arrived. Memory is bounded by one batch.
class ParallelRunner {
 public:
  using Writer = std::function<void(const Document&)>;
  ParallelRunner(const Pipeline& pipeline, unsigned threads, Writer write)
      : pipeline_(pipeline), threads_(std::max(1u, threads)), write_(std::move(write)) {}

  void add(Document&& document) {
    if (threads_ == 1) {
      pipeline_.run(document);
      write_(document);
      return;
    }
    batch_.push_back(std::move(document));
    if (batch_.size() >= kDocumentsPerThreadInBatch * threads_) flush();
  }
  void finish() { flush(); }

 private:
  // Enough documents per thread that uneven document sizes even out, few enough that a batch of
  // large pages stays small in memory.
  static constexpr std::size_t kDocumentsPerThreadInBatch = 16;

  void flush() {
    if (batch_.empty()) return;
    std::atomic<std::size_t> next{0};
    auto work = [&] {
      for (std::size_t i; (i = next.fetch_add(1)) < batch_.size();) pipeline_.run(batch_[i]);
    };
    std::vector<std::thread> workers;
    for (unsigned t = 1; t < threads_; ++t) workers.emplace_back(work);
    work();
    for (std::thread& worker : workers) worker.join();
    for (const Document& document : batch_) write_(document);
    batch_.clear();
  }

  const Pipeline& pipeline_;
  unsigned threads_;
  Writer write_;
  std::vector<Document> batch_;
};

}  // namespace

CLI::App* add_extract_command(CLI::App& app, ExtractOptions& options) {
  CLI::App* cmd = app.add_subcommand(
      "extract",
      "Code the events of news articles (text, HTML, JSON Lines, WARC, RSS/Atom) as JSON Lines");
  cmd->add_option("INPUT", options.inputs,
                  "Text or HTML file, directory (walked recursively), JSON Lines file of "
                  "documents {id, text|html, url?, published?, lang?, title?}, WARC archive "
                  "(.warc, .warc.gz: its HTML responses), RSS or Atom feed (.rss, .atom, .xml: "
                  "its items), or - for stdin")
      ->required();
  cmd->add_option("--published", options.published,
                  "Publication date YYYY-MM-DD; wins over the page's own date")
      ->check([](const std::string& value) -> std::string {
        static const std::regex kDate(R"(\d{4}-\d{2}-\d{2})");
        return std::regex_match(value, kDate) ? "" : "expected YYYY-MM-DD, got '" + value + "'";
      });
  cmd->add_option("--lang", options.lang, "Language of the documents")
      ->check(CLI::IsMember({"auto", "fr", "en"}))
      ->capture_default_str();
  cmd->add_option("--id", options.id, "Document id (for a single input; default: file name)");
  cmd->add_option("--format", options.format, "Output format")
      ->check(CLI::IsMember({"jsonl", "table"}))
      ->capture_default_str();
  cmd->add_option("-o,--output", options.output, "Write to FILE instead of standard output");
  cmd->add_option("--data", options.data_dir,
                  "Dictionary folder (default: $VIGIE_DATA_DIR or the repository's dictionaries/)");
  cmd->add_option("-j,--threads", options.threads,
                  "Analyse documents on N threads (output keeps the input order)")
      ->check(CLI::Range(1u, 256u))
      ->capture_default_str();
  cmd->add_option("--db", options.db,
                  "Also keep the documents and events in this SQLite event store (vigie.db when "
                  "given with no value; write --db=FILE before the inputs). With --db and no -o, "
                  "no JSON Lines are printed.")
      ->expected(0, 1)
      ->default_str("vigie.db");
  cmd->add_option("--max-bytes", options.max_bytes,
                  "Refuse documents larger than this many bytes (default 50 MiB)");
  cmd->footer(kExtractFooter);
  return cmd;
}

int run_extract(const ExtractOptions& options, const std::string& argv0) {
  std::string data_dir = options.data_dir.empty() ? find_data_dir(argv0) : options.data_dir;
  auto pipeline = Pipeline::load(data_dir);
  if (!pipeline) {
    std::cerr << "vigie: " << pipeline.error().to_string() << "\n";
    return kExitSetupFailed;
  }

  std::ofstream file;
  std::ostream* out = &std::cout;
  if (!options.output.empty()) {
    file.open(options.output, std::ios::binary | std::ios::trunc);
    if (!file) {
      std::cerr << "vigie: " << options.output << ": cannot open for writing\n";
      return kExitSetupFailed;
    }
    out = &file;
  }

  std::unique_ptr<StoreWriter> store;
  if (!options.db.empty()) {
    auto opened = StoreWriter::open(options.db);
    if (!opened) {
      std::cerr << "vigie: " << opened.error().to_string() << "\n";
      return kExitSetupFailed;
    }
    store = std::move(*opened);
  }
  // With --db, the store is the output; JSON Lines or the table only with -o.
  const bool print = !store || !options.output.empty();

  TableWriter table(*out);
  bool as_table = options.format == "table";
  if (as_table && print) table.header();

  std::size_t processed = 0, failed = 0;
  ingest::ReadOptions read_options;
  read_options.published = options.published;
  read_options.lang = options.lang == "auto" ? "" : options.lang;
  read_options.id = options.id;
  read_options.boilerplate = &pipeline->boilerplate();
  if (options.max_bytes > 0) read_options.max_document_bytes = options.max_bytes;

  // Documents are analysed in batches on `threads` threads and written in input order.
  bool progress_shown = ProgressLine::stderr_is_terminal();
  ProgressLine progress(progress_shown ? count_input_documents(options.inputs) : 0,
                        progress_shown);
  std::size_t events = 0;
  std::optional<Error> store_error;
  auto write = [&](const Document& document) {
    if (!print) {
    } else if (as_table) {
      table.write(document);
    } else {
      *out << to_output_line(document) << '\n';
    }
    if (store && !store_error) store_error = store->add(document);
    ++processed;
    events += document.events.size();
    progress.update(processed, events);
  };
  ParallelRunner runner(*pipeline, options.threads, write);
  ingest::InputReader reader(
      read_options, [&](Document&& document) { runner.add(std::move(document)); },
      [&](const Error& error) {
        std::cerr << "vigie: " << (error.warning ? "warning: " : "") << error.to_string() << "\n";
        if (!error.warning) ++failed;
      });
  for (const std::string& input : options.inputs) reader.read(input);
  runner.finish();
  if (store && !store_error) store_error = store->finish();
  progress.finish(processed, events);
  if (store_error) {
    std::cerr << "vigie: " << options.db << ": " << store_error->to_string() << "\n";
    return kExitSetupFailed;
  }
  if (store) {
    const store::IngestSummary& s = store->summary();
    std::cerr << "vigie: " << options.db << ": " << s.documents_added << " document(s) added, "
              << s.documents_replaced << " replaced (new version of a URL), "
              << s.documents_unchanged << " unchanged; " << s.events_added << " event(s) added\n";
  }
  if (as_table && print) table.footer();
  out->flush();
  if (!*out) {
    std::cerr << "vigie: " << (options.output.empty() ? "standard output" : options.output)
              << ": write failed\n";
    return kExitSetupFailed;
  }
  if (processed == 0) {
    std::cerr << "vigie: no document could be processed"
              << (failed ? " (" + std::to_string(failed) + " input error(s))" : "") << "\n";
    return kExitNothingProcessed;
  }
  return 0;
}

}  // namespace vigie::cli
