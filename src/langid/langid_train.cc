// Training of the fastText classifier (`vigie train-langid`), the text normalisation it shares
// with prediction, and the model file format (model_file.h).
#include <fasttext/args.h>
#include <fasttext/fasttext.h>

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <random>
#include <sstream>

#include "langid/langid.h"
#include "langid/model_file.h"
#include "unicode/utf8.h"

namespace vigie::langid {

namespace fs = std::filesystem;

namespace {

// fastText's own file magic and the version Debian's libfasttext 0.9.2 writes and reads.
constexpr std::int32_t kFastTextMagic = 793712314;
constexpr std::int32_t kFastTextVersion = 12;

std::uint64_t fnv1a64(std::string_view bytes) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (unsigned char c : bytes) {
    hash ^= c;
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

std::string hex64(std::uint64_t value) {
  std::ostringstream out;
  out << std::hex << std::setw(16) << std::setfill('0') << value;
  return out.str();
}

std::string read_file(const std::string& path, bool* ok) {
  std::ifstream in(path, std::ios::binary);
  *ok = static_cast<bool>(in);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// A temporary file name of our own (the training and quantized files fastText writes).
std::string temporary_path(const std::string& suffix) {
  std::random_device device;
  return (fs::temp_directory_path() / ("vigie-langid-" + std::to_string(device()) + suffix))
      .string();
}

}  // namespace

std::string normalize_for_fasttext(std::string_view text) {
  std::string kept;
  kept.reserve(text.size());
  bool space = true;  // drop leading space and collapse runs
  for (std::size_t i = 0; i < text.size();) {
    char32_t cp = 0;
    std::size_t length = unicode::decode(text, i, &cp);
    if (unicode::is_letter(cp) && cp != 0xFFFD) {
      kept.append(text.substr(i, length));
      space = false;
    } else if ((cp == '\'' || cp == 0x2019) && !space) {
      // Elision stays on its word and splits it from the next: "l'armée" -> "l' armée".
      kept += "' ";
      space = true;
    } else if (!space) {
      kept += ' ';
      space = true;
    }
    i += length;
  }
  while (!kept.empty() && kept.back() == ' ') kept.pop_back();
  return unicode::fold(kept);
}

Expected<ModelFile> read_model_file(const std::string& path) {
  if (!fs::exists(path)) {
    return Error{path, "language model not found (retrain it with `make models`)"};
  }
  bool ok = false;
  std::string bytes = read_file(path, &ok);
  if (!ok) return Error{path, "cannot read the language model"};
  const std::string magic = std::string(kModelMagic) + " ";
  if (bytes.rfind(magic, 0) != 0) {
    return Error{path, "not a Vigie language model (it does not start with " +
                           std::string(kModelMagic) + ")"};
  }
  std::size_t header_end = bytes.find("\n\n");
  if (header_end == std::string::npos) return Error{path, "truncated model header"};
  std::istringstream header(bytes.substr(0, header_end + 1));
  std::string line;
  std::getline(header, line);
  int version = std::atoi(line.c_str() + magic.size());
  if (version != kModelFormatVersion) {
    return Error{path, "model format version " + line.substr(magic.size()) + ", this Vigie reads " +
                           std::to_string(kModelFormatVersion) + " (retrain with `make models`)"};
  }
  ModelFile file;
  std::size_t payload_bytes = 0;
  std::string checksum;
  bool has_payload_line = false;
  while (std::getline(header, line)) {
    auto value = [&](const char* key) -> const char* {
      std::size_t n = std::strlen(key);
      return line.compare(0, n, key) == 0 ? line.c_str() + n : nullptr;
    };
    if (const char* v = value("what: ")) file.what = v;
    if (const char* v = value("command: ")) file.command = v;
    if (const char* v = value("data: ")) file.data = v;
    if (const char* v = value("payload: ")) {
      std::istringstream fields(v);
      std::string word;
      fields >> payload_bytes >> word >> checksum;
      has_payload_line = word == "fnv1a64";
    }
  }
  if (!has_payload_line) return Error{path, "model header has no payload line"};
  file.payload = bytes.substr(header_end + 2);
  if (file.payload.size() != payload_bytes) {
    return Error{path, "truncated model: " + std::to_string(file.payload.size()) + " bytes of " +
                           std::to_string(payload_bytes)};
  }
  if (hex64(fnv1a64(file.payload)) != checksum) {
    return Error{path, "corrupt model: checksum mismatch"};
  }
  std::int32_t fasttext_magic = 0, fasttext_version = 0;
  if (file.payload.size() < 8) return Error{path, "model payload too short"};
  std::memcpy(&fasttext_magic, file.payload.data(), 4);
  std::memcpy(&fasttext_version, file.payload.data() + 4, 4);
  if (fasttext_magic != kFastTextMagic || fasttext_version != kFastTextVersion) {
    return Error{path,
                 "payload is not a fastText model of version " + std::to_string(kFastTextVersion)};
  }
  return file;
}

Expected<bool> write_model_file(const std::string& path, const ModelFile& file) {
  const std::string temporary = path + ".new";
  {
    std::ofstream out(temporary, std::ios::binary);
    if (!out) return Error{temporary, "cannot write the model"};
    out << kModelMagic << " " << kModelFormatVersion << "\n"
        << "what: " << file.what << "\n"
        << "command: " << file.command << "\n"
        << "data: " << file.data << "\n"
        << "payload: " << file.payload.size() << " fnv1a64 " << hex64(fnv1a64(file.payload))
        << "\n\n";
    out.write(file.payload.data(), static_cast<std::streamsize>(file.payload.size()));
    if (!out) return Error{temporary, "write failed"};
  }
  std::error_code ec;
  fs::rename(temporary, path, ec);
  if (ec) return Error{path, "cannot rename " + temporary + ": " + ec.message()};
  return true;
}

Expected<bool> train_model(const std::vector<TrainingExample>& examples,
                           const TrainOptions& options, const std::string& output) {
  if (examples.empty()) return Error{output, "no training text"};
  // A portable shuffle (std::shuffle's algorithm is the library's choice): Fisher-Yates over
  // mt19937, whose sequence the standard fixes.
  std::vector<std::size_t> order(examples.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::mt19937 rng(static_cast<std::uint32_t>(options.seed));
  for (std::size_t i = order.size() - 1; i > 0; --i) {
    std::size_t j = rng() % (i + 1);
    std::swap(order[i], order[j]);
  }
  const std::string train_path = temporary_path(".txt");
  const std::string model_path = temporary_path(".ftz");
  struct Cleanup {
    std::string a, b;
    ~Cleanup() {
      std::error_code ec;
      fs::remove(a, ec);
      fs::remove(b, ec);
      fs::remove(b + ".bin", ec);
    }
  } cleanup{train_path, model_path};
  std::size_t lines = 0;
  {
    std::ofstream out(train_path, std::ios::binary);
    if (!out) return Error{train_path, "cannot write the training file"};
    for (std::size_t i : order) {
      std::string text = normalize_for_fasttext(examples[i].text);
      if (text.empty()) continue;
      out << "__label__" << examples[i].label << " " << text << "\n";
      ++lines;
    }
  }
  fasttext::Args args;
  args.input = train_path;
  args.model = fasttext::model_name::sup;
  args.loss = fasttext::loss_name::softmax;
  args.dim = 16;
  args.epoch = options.epochs;
  args.lr = 0.5;
  args.wordNgrams = 1;
  args.minCount = 1;
  args.minn = 2;  // character n-grams carry the language of unseen words and short titles
  args.maxn = 4;
  args.bucket = 200000;
  args.thread = 1;  // one thread and a fixed seed: the same data gives the same model
  args.seed = options.seed;
  args.verbose = 0;
  fasttext::FastText fasttext;
  try {
    if (options.log) *options.log << "fastText: " << lines << " training lines\n";
    fasttext.train(args);
    // Product quantization keeps the model small: the 50,000 rows (words and n-grams) with the
    // largest norms, 2 dimensions per sub-quantizer. 1.1 MB; keeping 100,000 rows (2.1 MB) or
    // 70,000 changed no accuracy of `vigie eval langid` by more than 0.4 point.
    fasttext::Args quantize = args;
    quantize.qnorm = true;
    quantize.cutoff = 50000;
    quantize.dsub = 2;
    quantize.retrain = false;
    fasttext.quantize(quantize);
    fasttext.saveModel(model_path);
  } catch (const std::exception& e) {
    return Error{output, std::string("fastText training failed: ") + e.what()};
  }
  bool ok = false;
  ModelFile file;
  file.payload = read_file(model_path, &ok);
  if (!ok) return Error{model_path, "cannot read the quantized model back"};
  file.what = "fastText language classifier fr/en/other (quantized), dim 16, char 2-4-grams";
  file.command = options.command;
  file.data = options.data + " (" + std::to_string(lines) + " lines)";
  return write_model_file(output, file);
}

}  // namespace vigie::langid
