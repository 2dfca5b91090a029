import ArgumentParser
import DFLCoinOR

/// `--seed`: the seed of every random choice.
public struct SeedOption: ParsableArguments {
    /// Seed of every random choice.
    @Option(help: "Seed of every random choice (data, initialization, shuffling).")
    public var seed: UInt64 = 42

    /// The default seed, 42.
    public init() {}
}

/// `--threads`: worker threads for solver calls.
public struct ThreadsOption: ParsableArguments {
    /// Worker threads for solver calls.
    @Option(help: "Worker threads for solver calls, in \(SettingRanges.threads.text).")
    public var threads: Int = 2

    /// Two threads.
    public init() {}

    /// Rejects non-positive thread counts.
    public func validate() throws {
        try SettingRanges.threads.check(threads)
    }
}

/// `--quiet`: no progress output on standard error.
public struct QuietFlag: ParsableArguments {
    /// Suppress progress output.
    @Flag(help: "No progress bar or per-step lines.")
    public var quiet = false

    /// Progress on.
    public init() {}

    /// Writes a progress line on standard error unless `--quiet`.
    public func log(_ line: String) {
        if !quiet { writeStderr(line + "\n") }
    }
}

/// `--verbose`: let CBC and CLP print their own logs.
public struct VerboseFlag: ParsableArguments {
    /// Let the solver libraries print.
    @Flag(help: "Let the solver libraries (CBC, CLP) print their own logs; without it they print nothing.")
    public var verbose = false

    /// The libraries silent.
    public init() {}

    /// Sets the solver libraries' log level from `--verbose` (``CoinLog``) as soon as the flags are
    /// parsed, before any solve: every command with this group honours it.
    public func validate() throws {
        CoinLog.level = verbose ? 1 : 0
    }
}
