import ArgumentParser
import Testing

@testable import DFLCLI

/// The help of each command shows its own flags and no other command's.
@Suite struct HelpTests {
    static func help(_ command: any ParsableCommand.Type) -> String {
        DFLCommand.helpMessage(for: command, columns: 80)
    }

    /// The help text with every run of white space as one space (independent of line wrapping).
    static func compact(_ command: any ParsableCommand.Type) -> String {
        help(command).split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// The long options a help text lists.
    static func flags(_ help: String) -> Set<String> {
        Set(
            help.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "[" || $0 == "]" })
                .filter { $0.hasPrefix("--") }.map {
                    String($0.prefix(while: { $0 != "=" && $0 != "." && $0 != "," && $0 != ")" }))
                })
    }

    @Test func reproduceGroupListsThePapers() {
        #expect(
            Self.help(Reproduce.self) == """
                OVERVIEW: Reproduce a paper's experiments and print DFLKit's numbers beside the
                paper's.

                USAGE: dfl reproduce <subcommand>

                OPTIONS:
                  --version               Show the version.
                  -h, --help              Show help information.

                SUBCOMMANDS:
                  smoothing, sce, mandi   Smoothing paper: surrogates on smoothed layers (Table
                                          2 exact, Table 1, Fig. 3 / App. E–F).
                  recursive, r-dfl, rdfl  R-DFL paper: newsvendor and matching tables,
                                          unrolling depth, sequence predictors, speed.
                  energy, so-ebm, soebm   So-EBM paper: power table and ablation, data-ratio
                                          sweep, COVID beds, security game.

                  See 'dfl help reproduce <subcommand>' for detailed help.
                """)
    }

    @Test func reproduceRecursiveShowsOnlyItsFlags() {
        #expect(
            Self.help(Reproduce.Recursive.self) == """
                OVERVIEW: R-DFL paper: newsvendor and matching tables, unrolling depth,
                sequence predictors, speed.

                The tables' cells (a size or predictor and a seed, every method) are the plan
                recursive[-quick] run on --workers processes into the run store (default
                OUTPUT/runs.sqlite): a rerun skips finished cells, --shard i/n runs a part of
                them, --slurm submits them as a job array. Depth and speed measure time and run
                here, one run after the other. The report is drawn from the store.

                USAGE: dfl reproduce recursive <options>

                SWEEP:
                  --store <store>         The run store the cells are recorded in (default:
                                          OUTPUT/runs.sqlite).
                  --workers <workers>     Worker processes, ≥ 1. (default: 1)
                  --shard <shard>         Run only shard i of n of the cells (1-based, 'i/n')
                                          and skip the report.
                  --dry-run               List the cells (or, with --slurm, print the batch
                                          script) without running anything.
                  --slurm                 Submit the sweep as a Slurm job array (sbatch)
                                          instead of running it here.
                  --tasks <tasks>         Array tasks, each one shard of the plan (default 4).
                                          (default: 4)
                  --partition <partition> Slurm partition.
                  --time <time>           Time limit per task (Slurm syntax, e.g. 01:00:00).
                  --mem <mem>             Memory per task (Slurm syntax, e.g. 4G).
                  --cpus <cpus>           CPUs per task; also the workers of each task (default
                                          1). (default: 1)

                OPTIONS:
                  --quick                 A reduced version that finishes in a few minutes.
                  --output <output>       Directory for the markdown report, charts and
                                          resumable results. (default: reproduce-output)
                  --quiet                 No progress bar or per-step lines.
                  --part <part>           Parts to run, comma-separated, or all. (values: all,
                                          newsvendor, depth, matching, matching30, sequence,
                                          speed; default: all)
                  --seed <seed>           First seed of every table (a table with k seeds uses
                                          seed … seed + k − 1; default 1).
                  --threads <threads>     Worker threads of the matching QP batches, ≥ 1
                                          (default: all cores).
                  --version               Show the version.
                  -h, --help              Show help information.

                """)
    }

    @Test func eachPaperHasItsOwnFlags() {
        let shared: Set = [
            "--quick", "--output", "--quiet", "--part", "--version", "--help",
            // The sweep's options: every reproduction runs its cells as a plan.
            "--store", "--workers", "--shard", "--dry-run", "--slurm", "--tasks", "--partition", "--time", "--mem",
            "--cpus",
        ]
        #expect(Self.flags(Self.help(Reproduce.Smoothing.self)) == shared.union(["--threads"]))
        #expect(Self.flags(Self.help(Reproduce.Recursive.self)) == shared.union(["--seed", "--threads"]))
        #expect(
            Self.flags(Self.help(Reproduce.Energy.self))
                == shared.union(["--budget", "--seeds", "--so-ebm-epochs", "--so-ebm-learning-rate"]))
        #expect(Self.compact(Reproduce.Energy.self).contains("(values: quick, standard, full)"))
        #expect(
            Self.compact(Reproduce.Energy.self).contains("(values: all, power, sweep, covid, security; default: all)"))
        #expect(Self.compact(Reproduce.Smoothing.self).contains("(values: all, table2, table1, scaling; default: all)"))
    }

    @Test func eachBenchmarkHasItsOwnFlags() {
        #expect(Self.flags(Self.help(Bench.Solvers.self)) == ["--seed", "--instances", "--version", "--help"])
        #expect(
            Self.flags(Self.help(Bench.Training.self)) == ["--seed", "--threads", "--epochs", "--version", "--help"])
        #expect(
            Self.flags(Self.help(Bench.Layers.self)) == ["--repeats", "--batches", "--grid", "--version", "--help"])
        let group = Self.help(Bench.self)
        #expect(group.contains("USAGE: dfl bench <subcommand>"))
        for line in [
            "  solvers                 Time solver calls", "  train                   Time training epochs",
            "  layers                  Time the QP and DYS layers",
        ] {
            #expect(group.contains(line), "\(line)")
        }
    }

    @Test func trainHelpListsTheRegistryAndTheChoices() {
        let help = Self.help(Train.self)
        let compact = help.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(
            compact.contains(
                "(values: two-stage, spo+, sce, nce, cmap, pfyl, pfymul, dpo, dpomul, dbb, nid, ltr-pointwise, ltr-pairwise, ltr-listwise, imle, aimle, pgb, pgf, pgc, rfwo, rfy, regret-qp,"
            ))
        #expect(compact.contains("sce-norm, spo+-norm)"))
        #expect(
            compact.contains(
                "--problem <problem> Built-in problem. (values: shortest-path, knapsack, tsp, top-k; default: shortest-path)"
            ))
        #expect(compact.contains("--optimizer <optimizer> Optimizer (default adam). (values: adam, adamw, sgd)"))
        #expect(compact.contains("(values: dense, itemwise)"))
        #expect(help.contains("PROBLEM AND GENERATED DATA:"))
        #expect(!Self.flags(help).contains("--budget") && !Self.flags(help).contains("--part"))
    }

    @Test func rootHelpNamesTheExitCodes() {
        let help = Self.help(DFLCommand.self).split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(
            help.contains(
                "Exit codes: 0 success, 1 unclassified, 64 usage, 65 dataError, 66 noInput, 70 software, 73 cannotCreate, 74 ioError"
            ))
        #expect(help.contains("SUBCOMMANDS: train"))
    }
}
