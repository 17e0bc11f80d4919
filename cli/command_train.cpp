// ganvas train — the tutorials' workflow: per-epoch 4×4 grids, timing lines, loss log, periodic
// checkpoints with resume, and a GIF of the progress at the end.
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>

#include "args.hpp"
#include "checkpoint_files.hpp"
#include "commands.hpp"
#include "data_sources.hpp"
#include "ganvas/build_info.hpp"
#include "ganvas/data/bytes.hpp"
#include "ganvas/image/gray_image.hpp"
#include "ganvas/quality.hpp"
#include "ganvas/settings_schema.hpp"
#include "ganvas/training_run.hpp"
#include "quality_files.hpp"
#include "model_summary.hpp"
#include "progress_bar.hpp"
#include "run_folder.hpp"
#include "settings_options.hpp"
#include "thread_option.hpp"

namespace ganvas::cli {
namespace fs = std::filesystem;

namespace {

std::atomic<bool> g_interrupted{false};

void on_interrupt(int) { g_interrupted = true; }

void print_help() {
  std::printf(
      "usage: ganvas train [--data SOURCE] [--epochs N | --steps N] [--out DIR] [--resume [FILE]] [settings]\n"
      "\n"
      "Train a GAN on real images and save what the tutorials save, in DIR:\n"
      "  image_at_epoch_NNNN.png   a fixed-seed 4×4 grid after every epoch\n"
      "  image_at_step_NNNNNNN.png the same grid every --sample-every steps (if given)\n"
      "  losses.csv                step, epoch, D and G losses, D accuracy on real and fake\n"
      "  losses.png                the tutorials' plot of D and G loss against the step\n"
      "  checkpoint.gnv            the whole run (weights, optimizers, RNG, data position, history),\n"
      "                            every --ckpt-every epochs, on Ctrl+C and at the end\n"
      "  checkpoint_at_step_NNNNNNN.gnv  the checkpoints it replaced, the last --keep N − 1 of them\n"
      "  progress.gif              the grids as an animation, at the end\n"
      "\n"
      "  --data SOURCE    %s\n"
      "  --epochs N       epochs to train, 1..100000 (default 50)\n"
      "  --steps N        train N generator steps instead of whole epochs, 1..10^9\n"
      "  --out DIR        output folder (default ganvas-run)\n"
      "  --resume [FILE]  continue the run in DIR from its checkpoint (or from FILE: an earlier one, or a\n"
      "                   run saved by the page), exactly where it stopped, on the\n"
      "                   data it recorded; --epochs/--steps then count the total, not the extra;\n"
      "                   learning rates, β's, ε and label smoothing may change on resume, others not\n"
      "  --change-data    with --resume and --data: continue the run on other data than it recorded\n"
      "  --sample-every N also save the grid every N steps, 1..10^9\n"
      "  --ckpt-every N   checkpoint every N epochs, 1..100000 (default 15)\n"
      "  --keep N         checkpoints to keep, the latest included, 1..1000 (default 3)\n"
      "  --scale N        grid pixels per image pixel, 1..16 (default 4)\n"
      "  --eval-every N   every N steps judge samples and log the Fréchet distance, class entropy,\n"
      "                   confidence and alarms to DIR/quality.csv: on mnist with the shipped MNIST\n"
      "                   classifier, on fashion with the Fashion-MNIST one; on other images only the\n"
      "                   distance to them in the MNIST classifier's features (no class verdicts).\n"
      "                   With the weight average on (--ema) G's own weights are judged too (the\n"
      "                   tutorials' samples): the columns raw_frechet and raw_entropy_bits.\n"
      "                   A resumed run keeps the rows of the steps up to its checkpoint\n"
      "  --eval-count N   samples per judgement, 100..100000 (default 1,000; the Fréchet distance of\n"
      "                   fewer samples reads higher: 10,000 for figures to compare)\n"
      "  --classifier F   the judge's weights instead of the shipped ones\n"
      "  --quiet          no progress bar, no summary\n"
      "%s"
      "\n"
      "settings (defaults from the Keras tutorial):\n%s",
      kDataHelp, threads_help().c_str(), settings_help().c_str());
}

void save_grid(TrainingRun& run, const std::string& path, int scale) {
  const GrayImage grid = make_grid(run.progress_images(), run.gan().range(), 4, scale, 2);
  const auto png = encode_png(grid);
  write_file_atomically(path, png.data(), png.size());
}

std::string meta_text(const std::string& data) {
  return std::string(kDataMetaKey) + "=" + data + "\nengine=" + build_info_line() + "\n";
}

// What a resumed run trains on: what its checkpoint records, unless --data names another set and
// --change-data says that is meant. Checkpoints that record nothing continue on --data (or mnist).
std::string resumed_data(const Checkpoint& checkpoint, const Args& args) {
  const std::string recorded = meta_value(checkpoint, kDataMetaKey);
  if (recorded.empty()) return args.text("data", "mnist");
  if (!args.has("data") || args.text("data", "") == recorded) return recorded;
  if (args.has("change-data")) return args.text("data", "");
  throw UsageError("--resume: the run was trained on '" + recorded + "' (recorded in its checkpoint), not '" +
                   args.text("data", "") + "'; leave out --data to continue on '" + recorded +
                   "', or add --change-data to continue on the other data");
}

}  // namespace

int run_train(int argc, char** argv) {
  std::vector<std::string> options = {"data", "epochs", "steps", "out", "sample-every", "ckpt-every", "scale",
                                     "eval-every", "eval-count", "classifier", "keep", kThreadsOption};
  for (const auto& name : settings_option_names()) options.push_back(name);
  const Args args(argc, argv, {"change-data", "quiet"}, options, {"resume"});
  if (args.has("help")) {
    print_help();
    return 0;
  }
  if (args.has("epochs") && args.has("steps")) throw UsageError("give --epochs or --steps, not both");
  std::string data_spec = args.text("data", "mnist");
  const fs::path out_dir = args.text("out", "ganvas-run");
  const auto sample_every = args.integer("sample-every", 0, 1, 1'000'000'000);
  const auto ckpt_every = args.integer("ckpt-every", 15, 1, 100'000);
  const int scale = static_cast<int>(args.integer("scale", 4, 1, 16));
  const auto eval_every = args.integer("eval-every", 0, 1, 1'000'000'000);
  const int eval_count = static_cast<int>(args.integer("eval-count", kJudgedSamples, 100, 100'000));
  const bool quiet = args.has("quiet");
  const int threads = apply_thread_option(args);
  RunFolder folder(out_dir, static_cast<int>(args.integer("keep", 3, 1, 1000)));
  const fs::path checkpoint_path = folder.latest_checkpoint();

  GanConfig config = settings_from_args(args);
  std::unique_ptr<Checkpoint> resumed;
  if (args.has("resume")) {
    const std::string named = args.text("resume", "");
    const fs::path from = named.empty() ? checkpoint_path : fs::path(named);
    if (!fs::exists(from)) throw UsageError("--resume: " + from.string() + " does not exist");
    resumed = std::make_unique<Checkpoint>(read_checkpoint_file(from.string()));
    // Settings marked live in the schema (learning rates, β's, …) may change on resume; others may not.
    GanConfig requested;
    try {
      requested = apply_settings(resumed->config, given_settings(args));
    } catch (const InvalidSettings& e) {
      throw UsageError(option_errors(e));
    }
    if (!only_live_changes(resumed->config, requested)) {
      std::string fixed;
      for (const auto& key : changed_settings(resumed->config, requested)) {
        if (!resolve_setting_key(key).spec->live) fixed += (fixed.empty() ? "" : ", ") + key;
      }
      throw UsageError("--resume continues the run with the settings it was started with; these cannot change "
                       "during a run: " + fixed + " (learning rates, β's, ε and label smoothing can)");
    }
    config = requested;  // the run starts with its own settings; the changes apply below, recorded
    data_spec = resumed_data(*resumed, args);
  } else if (folder.has_checkpoint()) {
    throw UsageError(out_dir.string() + " already holds a run (" + kCheckpointName +
                     "); pass --resume to continue it, or choose another --out");
  }
  std::error_code error;
  fs::create_directories(out_dir, error);
  if (error) throw DataError(out_dir.string() + ": cannot create (" + error.message() + ")");

  if (!quiet) std::printf("%s, %d thread%s\n", build_info_line().c_str(), threads, threads == 1 ? "" : "s");
  const auto data = load_training_images(data_spec);
  std::unique_ptr<TrainingRun> run = resumed ? std::make_unique<TrainingRun>(*resumed) : std::make_unique<TrainingRun>(config);
  run->attach_data(data);
  if (resumed && !changed_settings(run->config(), config).empty()) {
    const std::size_t earlier = run->setting_changes().size();
    run->change_live_settings(config);
    for (std::size_t i = earlier; i < run->setting_changes().size(); ++i) {
      const SettingChange& c = run->setting_changes()[i];
      std::printf("from step %lld on: %s %s (was %s)\n", static_cast<long long>(c.step), c.key.c_str(), c.to.c_str(),
                  c.from.c_str());
    }
  }
  const std::int64_t steps_per_epoch = run->steps_per_epoch();
  const std::int64_t total_steps =
      args.has("steps") ? args.integer("steps", 0, 1, 1'000'000'000) : args.integer("epochs", 50, 1, 100'000) * steps_per_epoch;
  if (!quiet) {
    std::printf("%s\n%s\n", model_summary(run->gan().generator()).c_str(),
                model_summary(run->gan().discriminator()).c_str());
    std::printf("data: %s, %d images; batch %d, %lld steps per epoch; step definition: %s, D steps %d\n",
                data->source.c_str(), data->count, config.batch, static_cast<long long>(steps_per_epoch),
                step_mode_name(config.step).c_str(), config.d_steps);
    std::printf("training to step %lld (%s from step %lld); output in %s\n", static_cast<long long>(total_steps),
                resumed ? "resuming" : "starting", static_cast<long long>(run->step_count()), out_dir.string().c_str());
    std::fflush(stdout);
  }
  if (run->step_count() >= total_steps) {
    std::printf("the run is already at step %lld: nothing to do\n", static_cast<long long>(run->step_count()));
    return 0;
  }

  // The quality judge, when asked for: the classifier that knows the data's classes and its 10,000
  // test images (for other data: the MNIST classifier's features against the training images).
  LoadedClassifier classifier;
  std::shared_ptr<const ImageSet> reference;
  std::unique_ptr<QualityJudge> judge;
  std::string quality_csv;
  if (eval_every > 0) {
    quality_csv = resumed ? folder.quality_log_until(run->step_count()) : kQualityLogHeader;
    classifier = load_classifier(args, data_spec);
    reference = classifier.classes == JudgedClasses::none ? data : load_test_images(data_spec);
    judge = std::make_unique<QualityJudge>(*classifier.classifier, *reference, classifier.classes);
  }
  // The shown generator's score (the weight average's when it is on), and then G's own weights' score.
  struct Judgement {
    QualityScore shown;
    std::optional<QualityScore> raw;
  };
  const auto evaluate = [&](std::int64_t step) {
    Judgement j{run->judge(*judge, eval_count), std::nullopt};
    Gan& gan = run->gan();
    if (!gan.showing_raw_generator()) {
      gan.show_raw_generator(true);
      j.raw = run->judge(*judge, eval_count);
      gan.show_raw_generator(false);
    }
    const QualityScore& q = j.shown;
    char line[256];
    std::snprintf(line, sizeof line, "%lld,%.4f,%.4f,%.4f,%d,%d,", static_cast<long long>(step), q.frechet, q.entropy_bits,
                  q.mean_confidence, q.collapse_alarm ? 1 : 0, q.non_finite ? 1 : 0);
    quality_csv += line;
    if (j.raw) {
      std::snprintf(line, sizeof line, "%.4f,%.4f", j.raw->frechet, j.raw->entropy_bits);
      quality_csv += line;
    } else {
      quality_csv += ",";
    }
    quality_csv += "\n";
    folder.save_quality_log(quality_csv);
    return j;
  };

  std::signal(SIGINT, on_interrupt);
  std::signal(SIGTERM, on_interrupt);
  const auto save = [&] {
    folder.save_checkpoint(run->checkpoint(true, meta_text(data_spec)));
    folder.save_losses(run->history());
  };
  ProgressBar bar(total_steps, "steps");
  auto epoch_start = std::chrono::steady_clock::now();
  StepMetrics last;
  while (run->step_count() < total_steps && !g_interrupted) {
    last = run->step();
    if (diverged(last)) {
      bar.clear();
      std::string restored = "there is no checkpoint yet";
      if (fs::exists(checkpoint_path)) {
        restored = "the last good state is kept in " + checkpoint_path.string() + " (step " +
                   std::to_string(read_checkpoint_file(checkpoint_path.string()).progress.step) +
                   "): continue from it with --resume and a lower --lr";
      }
      std::fprintf(stderr, "ganvas train: training diverged at step %lld (D loss %g, G loss %g); stopped without saving; %s\n",
                   static_cast<long long>(last.step), last.d_loss, last.g_loss, restored.c_str());
      return 1;
    }
    const std::int64_t step = last.step;
    char status[128];
    std::snprintf(status, sizeof status, "epoch %lld  d %.3f  g %.3f  acc %.2f/%.2f",
                  static_cast<long long>(run->epoch() + 1), last.d_loss, last.g_loss, last.d_accuracy_real,
                  last.d_accuracy_fake);
    if (!quiet) bar.update(step, status);
    if (sample_every > 0 && step % sample_every == 0) save_grid(*run, folder.grid_path("step", step), scale);
    if (judge && step % eval_every == 0) {
      const Judgement j = evaluate(step);
      const QualityScore& q = j.shown;
      bar.clear();
      char agreement[64] = "", raw[96] = "";
      if (q.class_agreement >= 0) std::snprintf(agreement, sizeof agreement, ", class agreement %.1f%%", 100 * q.class_agreement);
      if (j.raw) std::snprintf(raw, sizeof raw, " (G's own weights: %.2f)", j.raw->frechet);
      std::printf("quality at step %lld: Fréchet distance %.2f%s, entropy %.2f bits, confidence %.2f%s%s — %s\n",
                  static_cast<long long>(step), q.frechet, raw, q.entropy_bits, q.mean_confidence, agreement,
                  q.collapse_alarm ? " [MODE COLLAPSE]" : "", q.verdict.c_str());
      std::fflush(stdout);
    }
    if (step % steps_per_epoch == 0) {
      const std::int64_t epoch = step / steps_per_epoch;
      save_grid(*run, folder.grid_path("epoch", epoch), scale);
      const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - epoch_start).count();
      bar.clear();
      std::printf("Time for epoch %lld is %.2f sec  (d_loss %.4f, g_loss %.4f, D acc real %.2f, fake %.2f)\n",
                  static_cast<long long>(epoch), seconds, last.d_loss, last.g_loss, last.d_accuracy_real,
                  last.d_accuracy_fake);
      std::fflush(stdout);
      if (epoch % ckpt_every == 0) {
        save();
        if (!quiet) std::printf("saved %s at epoch %lld\n", checkpoint_path.string().c_str(), static_cast<long long>(epoch));
      }
      epoch_start = std::chrono::steady_clock::now();
    }
  }
  if (!quiet) bar.finish(run->step_count(), g_interrupted ? "interrupted" : "done");
  save();
  if (g_interrupted) {
    std::printf("interrupted at step %lld: saved %s; continue with --resume\n", static_cast<long long>(run->step_count()),
                checkpoint_path.string().c_str());
    return 130;
  }
  if (run->step_count() % steps_per_epoch != 0 && sample_every == 0) {
    save_grid(*run, folder.grid_path("step", run->step_count()), scale);
  }
  const int frames = folder.save_progress_gif();
  std::printf("done: step %lld, epoch %lld; %s, losses.csv, progress.gif (%d frames) in %s\n",
              static_cast<long long>(run->step_count()), static_cast<long long>(run->step_count() / steps_per_epoch),
              kCheckpointName, frames, out_dir.string().c_str());
  return 0;
}

}  // namespace ganvas::cli
