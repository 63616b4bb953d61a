import CFuzzDriver
import Foundation

/// Runs libFuzzer over `body`, remembering the slowest input: when one beats the previous slowest by more
/// than a millisecond it is written to `$DOCGEN_FUZZ_OUT/<name>-slowest` (default: the current folder), and
/// the slowest time and size are printed when the run ends. Inputs slower than 50 ms (the first 100) are kept
/// in `<name>-slow/`, for fuzz/run.sh to time again once the run is over.
public enum FuzzDriver {
    nonisolated(unsafe) static var body: (UnsafeRawBufferPointer) -> Void = { _ in }
    nonisolated(unsafe) static var name = "fuzz"
    nonisolated(unsafe) static var slowestSeconds = 0.0
    nonisolated(unsafe) static var slowestSize = 0
    nonisolated(unsafe) static var executions = 0
    nonisolated(unsafe) static var slowCount = 0

    public static func run(_ name: String, _ body: @escaping (UnsafeRawBufferPointer) -> Void) -> Never {
        Self.name = name
        Self.body = body
        atexit {
            let line = String(format: "%@: %d executions, slowest input %.1f ms (%d bytes)\n",
                              FuzzDriver.name, FuzzDriver.executions, FuzzDriver.slowestSeconds * 1000,
                              FuzzDriver.slowestSize)
            FileHandle.standardError.write(Data(line.utf8))
        }
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in
            FuzzDriver.one(UnsafeRawBufferPointer(start: data, count: size))
            return 0
        })
    }

    static func one(_ input: UnsafeRawBufferPointer) {
        let start = DispatchTime.now().uptimeNanoseconds
        body(input)
        executions += 1
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        if seconds > 0.05 && slowCount < 100 {
            // Kept for re-timing after the run (fuzz/run.sh): on a shared machine one slow execution may be a stall.
            slowCount += 1
            let folder = (ProcessInfo.processInfo.environment["DOCGEN_FUZZ_OUT"] ?? ".") + "/\(name)-slow"
            try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try? Data(input).write(to: URL(fileURLWithPath: folder + "/input-\(slowCount)"))
        }
        if seconds > slowestSeconds + 0.001 {
            slowestSeconds = seconds
            slowestSize = input.count
            let folder = ProcessInfo.processInfo.environment["DOCGEN_FUZZ_OUT"] ?? "."
            try? Data(input).write(to: URL(fileURLWithPath: folder).appendingPathComponent("\(name)-slowest"))
        } else if seconds > slowestSeconds {
            slowestSeconds = seconds
            slowestSize = input.count
        }
    }

    /// The input as text, as a file read from disk would become it (invalid UTF-8 repaired).
    public static func text(_ input: UnsafeRawBufferPointer) -> String {
        String(decoding: input, as: UTF8.self)
    }
}
