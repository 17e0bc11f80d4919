#include "ganvas/checkpoint.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <map>
#include <memory>
#include <set>

#include "ganvas/byte_io.hpp"
#include "ganvas/data/crc32.hpp"
#include "ganvas/gan.hpp"

namespace ganvas {
namespace {

constexpr char kMagic[8] = {'G', 'A', 'N', 'V', 'A', 'S', 'C', 'K'};
constexpr std::size_t kMaxArray = 64u << 20;        // values per array
constexpr std::size_t kMaxText = 1u << 20;          // bytes of settings or meta text
constexpr std::uint64_t kMaxHistory = 10'000'000;   // records

std::uint32_t tag(const char* name) {
  return static_cast<std::uint32_t>(name[0]) | static_cast<std::uint32_t>(name[1]) << 8 |
         static_cast<std::uint32_t>(name[2]) << 16 | static_cast<std::uint32_t>(name[3]) << 24;
}

std::string tag_name(std::uint32_t t) {
  std::string s;
  for (int i = 0; i < 4; ++i) {
    const char c = static_cast<char>((t >> (8 * i)) & 0xFF);
    s += (c >= 32 && c < 127) ? c : '?';
  }
  return s;
}

void write_rng(ByteWriter& out, const RngState& s) {
  out.u64(s.state);
  out.u64(s.increment);
}

RngState read_rng(ByteReader& in) {
  RngState s;
  s.state = in.u64();
  s.increment = in.u64() | 1u;
  return s;
}

void require_finite(const std::vector<float>& values, const std::string& what, const std::string& name) {
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (!std::isfinite(values[i])) {
      throw DataError(name + ": " + what + " value " + std::to_string(i) + " is NaN or infinite");
    }
  }
}

void require_size(const std::vector<float>& values, std::size_t expected, const std::string& what,
                  const std::string& name) {
  if (values.size() != expected) {
    throw DataError(name + ": " + what + " has " + std::to_string(values.size()) + " values, the " +
                    "model of these settings needs " + std::to_string(expected));
  }
}

}  // namespace

namespace {

// What the encoder writes, wherever it lives: a Checkpoint's own vectors, or a live run's arenas.
struct CheckpointView {
  const GanConfig& config;
  const std::string& meta;
  FloatSpan g_params, g_state, d_params, d_state, g_average;
  bool has_training_state = false;
  bool half_precision = false;
  std::int64_t g_optimizer_steps = 0, d_optimizer_steps = 0;
  std::vector<FloatSpan> g_moments, d_moments;  // part after part
  TrainingProgress progress;
  const std::vector<HistoryRecord>* history = nullptr;  // with training state
};

std::vector<std::uint8_t> encode(const CheckpointView& c) {
  // Written in one buffer reserved up front (no intermediate payloads, no regrowth): a training
  // checkpoint is ~29 MB, and in wasm every transient copy would stay as heap.
  ByteWriter out;
  const std::size_t arrays = c.g_params.size + c.g_state.size + c.d_params.size + c.d_state.size +
                             total_size(c.g_moments) + total_size(c.d_moments) + c.g_average.size;
  const std::size_t history = c.history ? c.history->size() : 0;
  out.reserve(4096 + 4 * arrays + c.meta.size() + 32 * history);
  out.raw(kMagic, 8);
  out.u32(kCheckpointVersion);
  if (c.g_average.size != 0 && !c.has_training_state) {
    throw std::invalid_argument("checkpoint: a model export holds the weight average as its generator");
  }
  const std::uint32_t sections = (c.has_training_state ? 10 : 6) + (c.g_average.size == 0 ? 0 : 1);
  out.u32(sections);
  // A section: u32 tag, u64 payload length, payload.
  const auto section = [&](const char (&name)[5], auto&& fill) {
    out.u32(tag(name));
    const std::size_t length_at = out.size();
    out.u64(0);
    fill(out);
    out.patch_u64(length_at, out.size() - length_at - 8);
  };
  section("CONF", [&](ByteWriter& p) { p.text(to_settings_text(c.config)); });
  section("META", [&](ByteWriter& p) { p.text(c.meta); });
  const bool compact_save = c.half_precision && c.has_training_state;
  if (compact_save && (c.g_average.size != 0 || total_size(c.g_moments) != 0 || total_size(c.d_moments) != 0)) {
    throw std::invalid_argument("checkpoint: a compact save keeps no weight average and no optimizer moments");
  }
  if (c.half_precision) {
    section("GP16", [&](ByteWriter& p) { p.halves(c.g_params); });
  } else {
    section("GPAR", [&](ByteWriter& p) { p.floats({c.g_params}); });
  }
  section("GSTA", [&](ByteWriter& p) { p.floats({c.g_state}); });
  if (c.g_average.size != 0) section("GAVG", [&](ByteWriter& p) { p.floats({c.g_average}); });
  if (compact_save) {
    section("DP16", [&](ByteWriter& p) { p.halves(c.d_params); });  // D trains on: binary16, not 8 bits
  } else if (c.half_precision) {
    section("DQ8 ", [&](ByteWriter& p) { p.quantized(c.d_params); });
  } else {
    section("DPAR", [&](ByteWriter& p) { p.floats({c.d_params}); });
  }
  section("DSTA", [&](ByteWriter& p) { p.floats({c.d_state}); });
  if (c.has_training_state) {
    section("GOPT", [&](ByteWriter& p) {
      p.i64(c.g_optimizer_steps);
      p.floats(c.g_moments);
    });
    section("DOPT", [&](ByteWriter& p) {
      p.i64(c.d_optimizer_steps);
      p.floats(c.d_moments);
    });
    section("PROG", [&](ByteWriter& p) {
      p.i64(c.progress.step);
      write_rng(p, c.progress.noise_rng);
      write_rng(p, c.progress.dropout_rng);
      write_rng(p, c.progress.batcher.rng_at_epoch_start);
      p.i64(c.progress.batcher.epoch);
      p.i64(c.progress.batcher.cursor);
    });
    section("HIST", [&](ByteWriter& p) {
      p.u64(history);
      for (const HistoryRecord& r : *c.history) {
        p.i64(r.step);
        p.i64(r.epoch);
        p.f32(r.d_loss);
        p.f32(r.g_loss);
        p.f32(r.d_accuracy_real);
        p.f32(r.d_accuracy_fake);
      }
    });
  }
  const std::uint32_t checksum = crc32(out.bytes().data(), out.bytes().size());
  out.u32(checksum);
  return std::move(out.bytes());
}

FloatSpan span_of_arena(const Arena& arena) { return {arena.data(), arena.size()}; }

// A live GAN's checkpoint, without copying anything; `with_training_state` false makes a model export
// (whose generator is the weight average, when there is one).
CheckpointView view_of_run(const Gan& gan, const BatcherState& batcher, const std::vector<HistoryRecord>& history,
                           bool with_training_state, const std::string& meta) {
  CheckpointView view{gan.config(), meta};
  view.g_params = span_of_arena(gan.generator().parameters());
  view.g_state = span_of_arena(gan.generator().state());
  view.d_params = span_of_arena(gan.discriminator().parameters());
  view.d_state = span_of_arena(gan.discriminator().state());
  view.has_training_state = with_training_state;
  if (const Arena* average = gan.average_parameters()) {
    // A training checkpoint keeps both; a model export's generator is the average.
    (with_training_state ? view.g_average : view.g_params) = span_of_arena(*average);
  }
  if (with_training_state) {
    view.g_optimizer_steps = gan.generator_optimizer().steps();
    view.d_optimizer_steps = gan.discriminator_optimizer().steps();
    view.g_moments = gan.generator_optimizer().moment_spans();
    view.d_moments = gan.discriminator_optimizer().moment_spans();
    view.progress.step = gan.step();
    view.progress.noise_rng = gan.noise_rng().state();
    view.progress.dropout_rng = gan.dropout_rng().state();
    view.progress.batcher = batcher;
    view.history = &history;
  }
  return view;
}

std::vector<float> copy_of(FloatSpan span) { return joined({span}); }

}  // namespace

std::vector<std::uint8_t> encode_checkpoint(const Checkpoint& c) {
  CheckpointView view{c.config, c.meta};
  view.g_params = span_of(c.g_params);
  view.g_state = span_of(c.g_state);
  view.d_params = span_of(c.d_params);
  view.d_state = span_of(c.d_state);
  view.g_average = span_of(c.g_average);
  view.has_training_state = c.has_training_state;
  view.half_precision = c.half_precision;
  view.g_optimizer_steps = c.g_optimizer_steps;
  view.d_optimizer_steps = c.d_optimizer_steps;
  view.g_moments = {span_of(c.g_moments)};
  view.d_moments = {span_of(c.d_moments)};
  view.progress = c.progress;
  view.history = &c.history;
  return encode(view);
}

std::vector<std::uint8_t> encode_training_checkpoint(const Gan& gan, const BatcherState& batcher,
                                                     const std::vector<HistoryRecord>& history, const std::string& meta) {
  return encode(view_of_run(gan, batcher, history, true, meta));
}

std::vector<HistoryRecord> thinned_history(const std::vector<HistoryRecord>& history, std::size_t at_most) {
  if (history.size() <= at_most) return history;
  // Every k-th record from the first, and the last: the charts' shape at k times coarser steps.
  const std::size_t k = (history.size() + at_most - 2) / (at_most - 1);
  std::vector<HistoryRecord> kept;
  kept.reserve(at_most);
  for (std::size_t i = 0; i + 1 < history.size(); i += k) kept.push_back(history[i]);
  kept.push_back(history.back());
  return kept;
}

std::vector<std::uint8_t> encode_compact_training_checkpoint(const Gan& gan, const BatcherState& batcher,
                                                             const std::vector<HistoryRecord>& history,
                                                             const std::string& meta) {
  const std::vector<HistoryRecord> kept = thinned_history(history, kCompactSaveHistory);
  CheckpointView view = view_of_run(gan, batcher, kept, true, meta);
  view.half_precision = true;
  view.g_average = {};
  view.g_optimizer_steps = view.d_optimizer_steps = 0;
  view.g_moments.clear();
  view.d_moments.clear();
  return encode(view);
}

Checkpoint decode_checkpoint(const std::uint8_t* data, std::size_t size, const std::string& name) {
  if (size < 8 + 4 + 4 + 4 || std::memcmp(data, kMagic, 8) != 0) {
    throw DataError(name + ": not a ganvas checkpoint (bad magic)");
  }
  const std::uint32_t stored_crc = static_cast<std::uint32_t>(data[size - 4]) |
                                   static_cast<std::uint32_t>(data[size - 3]) << 8 |
                                   static_cast<std::uint32_t>(data[size - 2]) << 16 |
                                   static_cast<std::uint32_t>(data[size - 1]) << 24;
  ByteReader in(data + 8, size - 8 - 4, name);
  const std::uint32_t version = in.u32();
  if (version != kCheckpointVersion) {
    throw DataError(name + ": checkpoint format version " + std::to_string(version) + ", this ganvas reads version " +
                    std::to_string(kCheckpointVersion));
  }
#if !defined(FUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION)
  // (Fuzzing builds skip the checksum so that mutated files reach the parser behind it.)
  if (crc32(data, size - 4) != stored_crc) throw DataError(name + ": checksum mismatch (the file is damaged)");
#else
  (void)stored_crc;
#endif
  const std::uint32_t count = in.u32();
  if (count > 32) throw DataError(name + ": " + std::to_string(count) + " sections, at most 32 allowed");

  std::map<std::uint32_t, std::pair<const std::uint8_t*, std::size_t>> sections;
  for (std::uint32_t i = 0; i < count; ++i) {
    const std::uint32_t t = in.u32();
    const std::uint64_t length = in.u64();
    if (length > in.remaining()) throw DataError(name + ": section " + tag_name(t) + " is truncated");
    if (!sections.emplace(t, std::make_pair(in.here(), static_cast<std::size_t>(length))).second) {
      throw DataError(name + ": section " + tag_name(t) + " appears twice");
    }
    in.skip(static_cast<std::size_t>(length));
  }
  in.expect_end();

  const auto reader = [&](const char* section, bool required) -> std::unique_ptr<ByteReader> {
    const auto it = sections.find(tag(section));
    if (it == sections.end()) {
      if (required) throw DataError(name + ": section " + std::string(section) + " is missing");
      return nullptr;
    }
    return std::make_unique<ByteReader>(it->second.first, it->second.second, name + " [" + section + "]");
  };

  Checkpoint c;
  {
    auto r = reader("CONF", true);
    const std::string settings = r->text(kMaxText);
    r->expect_end();
    try {
      c.config = parse_settings_text(settings);
    } catch (const std::invalid_argument& e) {
      throw DataError(name + ": " + e.what());
    }
  }
  if (auto r = reader("META", false)) {
    c.meta = r->text(kMaxText);
    r->expect_end();
  }
  const auto array = [&](const char (&section)[5]) {
    auto r = reader(section, true);
    std::vector<float> values = r->floats(kMaxArray);
    r->expect_end();
    return values;
  };
  // Parameters as float32 (GPAR/DPAR) or, in model exports, compact: G as binary16 (GP16), D as 8-bit
  // blocks (DQ8; DP16 in exports written before): exactly one form per network.
  const auto parameters = [&](const char (&full)[5], std::initializer_list<const char*> compact) {
    std::unique_ptr<ByteReader> found = reader(full, false);
    std::string form = found ? full : "";
    std::string names = full;
    for (const char* section : compact) {
      names += std::string(" and ") + section;
      auto here = reader(section, false);
      if (!here) continue;
      if (found) throw DataError(name + ": needs exactly one of the sections " + names);
      found = std::move(here);
      form = section;
    }
    if (!found) throw DataError(name + ": needs exactly one of the sections " + names);
    std::vector<float> values = form == full ? found->floats(kMaxArray)
                                : form == "DQ8 " ? found->quantized(kMaxArray) : found->halves(kMaxArray);
    found->expect_end();
    c.half_precision = c.half_precision || form != full;
    return values;
  };
  c.g_params = parameters("GPAR", {"GP16"});
  c.g_state = array("GSTA");
  if (auto r = reader("GAVG", false)) {
    c.g_average = r->floats(kMaxArray);
    r->expect_end();
  }
  c.d_params = parameters("DPAR", {"DP16", "DQ8 "});
  c.d_state = array("DSTA");

  auto g_opt = reader("GOPT", false), d_opt = reader("DOPT", false), prog = reader("PROG", false);
  if (g_opt || d_opt || prog) {
    if (!(g_opt && d_opt && prog)) throw DataError(name + ": training state is incomplete (GOPT, DOPT, PROG)");
    c.has_training_state = true;
    c.g_optimizer_steps = g_opt->i64();
    c.g_moments = g_opt->floats(kMaxArray);
    g_opt->expect_end();
    c.d_optimizer_steps = d_opt->i64();
    c.d_moments = d_opt->floats(kMaxArray);
    d_opt->expect_end();
    if (c.half_precision && (!c.g_moments.empty() || !c.d_moments.empty() || c.g_optimizer_steps != 0 ||
                             c.d_optimizer_steps != 0)) {
      throw DataError(name + ": half-precision weights with optimizer state (a compact save has none)");
    }
    c.progress.step = prog->i64();
    c.progress.noise_rng = read_rng(*prog);
    c.progress.dropout_rng = read_rng(*prog);
    c.progress.batcher.rng_at_epoch_start = read_rng(*prog);
    c.progress.batcher.epoch = prog->i64();
    c.progress.batcher.cursor = prog->i64();
    prog->expect_end();
    if (c.progress.step < 0 || c.g_optimizer_steps < 0 || c.d_optimizer_steps < 0 || c.progress.batcher.epoch < 0 ||
        c.progress.batcher.cursor < 0) {
      throw DataError(name + ": negative step or epoch counters");
    }
  }
  if (!c.g_average.empty() && (!c.has_training_state || c.half_precision)) {
    throw DataError(name + ": a weight average (GAVG) in a model export or a compact save");
  }
  if (!c.g_average.empty() && c.config.ema == 0) {
    throw DataError(name + ": a weight average (GAVG) in a run without ema");
  }
  if (auto r = reader("HIST", false)) {
    const std::uint64_t records = r->u64();
    if (records > kMaxHistory || records * 32 != r->remaining()) {
      throw DataError(name + ": loss history of " + std::to_string(records) + " records does not fit its section");
    }
    c.history.resize(static_cast<std::size_t>(records));
    for (HistoryRecord& h : c.history) {
      h.step = r->i64();
      h.epoch = r->i64();
      h.d_loss = r->f32();
      h.g_loss = r->f32();
      h.d_accuracy_real = r->f32();
      h.d_accuracy_fake = r->f32();
    }
  }
  std::set<std::uint32_t> known;
  for (const char* t : {"CONF", "META", "GPAR", "GP16", "GSTA", "GAVG", "DPAR", "DP16", "DQ8 ", "DSTA", "GOPT", "DOPT", "PROG", "HIST"}) {
    known.insert(tag(t));
  }
  for (const auto& [t, payload] : sections) {
    if (!known.count(t)) throw DataError(name + ": unknown section " + tag_name(t));
  }

  // Sizes must match the model these settings build.
  const auto generator = build_generator(c.config);
  const auto discriminator = build_discriminator(c.config);
  require_size(c.g_params, generator->parameters().size(), "generator parameters", name);
  require_size(c.g_state, generator->state().size(), "generator state", name);
  if (!c.g_average.empty()) require_size(c.g_average, generator->parameters().size(), "generator weight average", name);
  require_finite(c.g_average, "generator weight average", name);
  require_size(c.d_params, discriminator->parameters().size(), "discriminator parameters", name);
  require_size(c.d_state, discriminator->state().size(), "discriminator state", name);
  require_finite(c.g_params, "generator parameter", name);
  require_finite(c.g_state, "generator state", name);
  require_finite(c.d_params, "discriminator parameter", name);
  require_finite(c.d_state, "discriminator state", name);
  if (c.has_training_state && !c.half_precision) {
    const auto moments = [](const OptimizerSettings& o, std::size_t n) { return o.kind == "adam" ? 2 * n : 0; };
    require_size(c.g_moments, moments(c.config.g_optimizer, c.g_params.size()), "generator optimizer state", name);
    require_size(c.d_moments, moments(c.config.d_optimizer, c.d_params.size()), "discriminator optimizer state", name);
    require_finite(c.g_moments, "generator optimizer", name);
    require_finite(c.d_moments, "discriminator optimizer", name);
  }
  return c;
}

Checkpoint capture_checkpoint(const Gan& gan, const BatcherState& batcher, const std::vector<HistoryRecord>& history,
                              bool with_training_state, const std::string& meta) {
  const CheckpointView view = view_of_run(gan, batcher, history, with_training_state, meta);
  Checkpoint c;
  c.config = view.config;
  c.meta = meta;
  c.g_params = copy_of(view.g_params);
  c.g_state = copy_of(view.g_state);
  c.d_params = copy_of(view.d_params);
  c.d_state = copy_of(view.d_state);
  c.g_average = copy_of(view.g_average);
  c.has_training_state = with_training_state;
  c.g_optimizer_steps = view.g_optimizer_steps;
  c.d_optimizer_steps = view.d_optimizer_steps;
  c.g_moments = joined(view.g_moments);
  c.d_moments = joined(view.d_moments);
  c.progress = view.progress;
  if (view.history) c.history = history;
  return c;
}

namespace {
const std::string kExportedAtStep = "exported-at-step=";
}  // namespace

void make_model_export(Checkpoint& c, bool half_precision) {
  if (!c.g_average.empty()) c.g_params = std::move(c.g_average);
  c.g_average.clear();
  c.has_training_state = false;
  c.half_precision = half_precision;
  c.meta += kExportedAtStep + std::to_string(c.progress.step) + "\n";
}

std::vector<std::string> meta_values(const Checkpoint& c, const std::string& key) {
  const std::string prefix = key + "=";
  std::vector<std::string> values;
  for (std::size_t line = 0; line < c.meta.size();) {
    const std::size_t end = std::min(c.meta.find('\n', line), c.meta.size());
    if (c.meta.compare(line, prefix.size(), prefix) == 0 && line + prefix.size() <= end) {
      values.push_back(c.meta.substr(line + prefix.size(), end - line - prefix.size()));
    }
    line = end + 1;
  }
  return values;
}

std::string meta_value(const Checkpoint& c, const std::string& key) {
  const auto values = meta_values(c, key);
  return values.empty() ? "" : values.front();
}

std::int64_t exported_at_step(const Checkpoint& c) {
  const std::string text = meta_value(c, kExportedAtStep.substr(0, kExportedAtStep.size() - 1));
  if (text.empty()) return 0;
  std::int64_t step = 0;
  for (char digit : text) {
    if (digit < '0' || digit > '9') break;
    if (step > (std::int64_t{1} << 53) / 10) return 0;  // not a step count any run reaches
    step = step * 10 + (digit - '0');
  }
  return step;
}

void restore_checkpoint(Gan& gan, const Checkpoint& c) {
  const auto copy = [](Arena& into, const std::vector<float>& from, const char* what) {
    if (into.size() != from.size()) {
      throw std::invalid_argument(std::string("restore_checkpoint: ") + what + " sizes differ");
    }
    std::copy(from.begin(), from.end(), into.begin());
  };
  copy(gan.generator().parameters(), c.g_params, "generator parameter");
  copy(gan.generator().state(), c.g_state, "generator state");
  if (!c.has_training_state) {
    gan.keep_for_sampling_only();  // an export's G is the average
  } else if (Arena* average = gan.average_parameters()) {
    // A run without a recorded average (a checkpoint from before `ema`) starts it at G.
    copy(*average, c.g_average.empty() ? c.g_params : c.g_average, "generator weight average");
  }
  copy(gan.discriminator().parameters(), c.d_params, "discriminator parameter");
  copy(gan.discriminator().state(), c.d_state, "discriminator state");
  if (c.has_training_state) {
    gan.generator_optimizer().set_moments(c.g_moments, c.g_optimizer_steps);
    gan.discriminator_optimizer().set_moments(c.d_moments, c.d_optimizer_steps);
    gan.set_step(c.progress.step);
    gan.noise_rng().set_state(c.progress.noise_rng);
    gan.dropout_rng().set_state(c.progress.dropout_rng);
  }
}

}  // namespace ganvas
