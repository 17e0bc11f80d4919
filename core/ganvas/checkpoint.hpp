// The checkpoint format: everything needed to continue a run exactly, or to sample from it.
// The same bytes are written by the CLI and by the page, and load in both.
//
//   "GANVASCK"            8-byte magic
//   u32 version           = 1
//   u32 section count     ≤ 32
//   sections              4-byte tag, u64 length, payload — in any order, each tag at most once:
//     CONF  settings text (key=value lines, see config.hpp)                         required
//     META  free key=value text: data source, engine version                        optional
//     GPAR  generator parameters (u64 count + f32…)       required; or GP16 (u64 count + binary16…):
//           model exports and compact saves (see encode_compact_training_checkpoint)
//     GSTA  generator state, e.g. BatchNorm running averages                          required
//     GAVG  the moving average of G's parameters (f32), with `ema` on  (omitted in model exports,
//           whose GPAR/GP16 then hold the average: the generator that draws the samples)
//     DPAR  discriminator parameters    required; or, in model exports, DQ8 (u64 count + blocks of 256:
//           f32 scale + int8 each, byte_io.hpp) or DP16 (as GP16: compact saves, and exports written before DQ8)
//     DSTA  discriminator state                                                       required
//     GOPT  i64 steps + generator optimizer moments        (omitted in model exports; a compact save: 0, none)
//     DOPT  i64 steps + discriminator optimizer moments    (omitted in model exports)
//     PROG  i64 step; RNG states (noise, dropout, data order: u64 state + u64 increment each);
//           i64 epoch; i64 batch within the epoch                    (omitted in model exports)
//     HIST  u64 count + per record: i64 step, i64 epoch, f32 d_loss, g_loss, acc real, acc fake
//   u32 CRC-32 of every byte before it
// Integers and floats are little-endian. Loading validates every size against the model that the
// CONF settings build, and refuses NaN/Inf weights.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "ganvas/config.hpp"
#include "ganvas/data/batcher.hpp"
#include "ganvas/rng.hpp"

namespace ganvas {

class Gan;

struct HistoryRecord {
  std::int64_t step = 0;
  std::int64_t epoch = 0;
  float d_loss = 0, g_loss = 0, d_accuracy_real = 0, d_accuracy_fake = 0;
};

struct TrainingProgress {
  std::int64_t step = 0;
  RngState noise_rng, dropout_rng;
  BatcherState batcher;
};

struct Checkpoint {
  GanConfig config;
  std::string meta;  // key=value lines
  std::vector<float> g_params, g_state, d_params, d_state;
  std::vector<float> g_average;     // the moving average of g_params; empty without `ema` and in exports
  bool has_training_state = false;  // false for a model export: no optimizer, progress
  // Compact parameters: in a model export G binary16 and D 8-bit blocks; with training state, a compact
  // save (both binary16, no optimizer moments, no weight average).
  bool half_precision = false;
  std::int64_t g_optimizer_steps = 0, d_optimizer_steps = 0;
  std::vector<float> g_moments, d_moments;
  TrainingProgress progress;
  std::vector<HistoryRecord> history;
};

constexpr std::uint32_t kCheckpointVersion = 1;

std::vector<std::uint8_t> encode_checkpoint(const Checkpoint& checkpoint);
// Throws DataError naming `name` and the problem; never returns a half-valid checkpoint.
Checkpoint decode_checkpoint(const std::uint8_t* data, std::size_t size, const std::string& name);

// From a live GAN (and the batcher's position); `with_training_state` false makes a model export.
Checkpoint capture_checkpoint(const Gan& gan, const BatcherState& batcher, const std::vector<HistoryRecord>& history,
                              bool with_training_state, const std::string& meta);
// A live run's training checkpoint, encoded straight from its arenas: the bytes of
// encode_checkpoint(capture_checkpoint(gan, batcher, history, true, meta)) without the copy in between
// (~29 MB for the dense presets, which wasm would keep as heap for good).
std::vector<std::uint8_t> encode_training_checkpoint(const Gan& gan, const BatcherState& batcher,
                                                     const std::vector<HistoryRecord>& history, const std::string& meta);
// A compact save of a live run, to come back to after a crash: the weights in binary16 (GP16, DP16),
// no optimizer moments (GOPT and DOPT hold 0 steps and none: Adam starts afresh on restore), no weight
// average (it starts again at G), at most kCompactSaveHistory loss records (every k-th and the last);
// the step, RNG states and data position exact. A sixth of a training checkpoint for the dense presets.
constexpr std::size_t kCompactSaveHistory = 20'000;
std::vector<std::uint8_t> encode_compact_training_checkpoint(const Gan& gan, const BatcherState& batcher,
                                                             const std::vector<HistoryRecord>& history,
                                                             const std::string& meta);
// At most `at_most` (≥ 2) of the records: every k-th from the first, and the last.
std::vector<HistoryRecord> thinned_history(const std::vector<HistoryRecord>& history, std::size_t at_most);
// Loads weights (and, when present, optimizer moments, step and RNG states) into a Gan built from
// checkpoint.config.
void restore_checkpoint(Gan& gan, const Checkpoint& checkpoint);

// A training checkpoint into a model export: no training state, compact weights unless told otherwise
// (G as binary16; D, which only judges pictures in an export, as 8-bit blocks), and the step it was taken at as the META line `exported-at-step=N`. With `ema` on,
// the export's generator is the weight average (what the run's samples show).
void make_model_export(Checkpoint& checkpoint, bool half_precision);
// That step, or 0 when the META text does not say.
std::int64_t exported_at_step(const Checkpoint& checkpoint);

// The value of the META line `key=value`, or "" when there is none; meta_values: of every such line.
std::string meta_value(const Checkpoint& checkpoint, const std::string& key);
std::vector<std::string> meta_values(const Checkpoint& checkpoint, const std::string& key);
// The META key under which a run records what it trains on: the CLI's --data as given (mnist, fashion,
// a folder or file), or the page's source (mnist, fashion, files).
constexpr const char* kDataMetaKey = "data";

}  // namespace ganvas
