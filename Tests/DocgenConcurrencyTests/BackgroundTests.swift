import Foundation
import XCTest
@testable import DocgenConcurrency

/// `Background`: the work runs on another thread while the caller goes on, and its value is the work's, however
/// often and from however many threads it is read.
final class BackgroundTests: XCTestCase {
    func testTheWorkRunsWhileTheCallerGoesOn() {
        // The work waits for a signal the caller sends only after `init` returned: run in `init`, it would time out.
        let callerWentOn = DispatchSemaphore(value: 0)
        let background = Background { callerWentOn.wait(timeout: .now() + 10) == .success }
        callerWentOn.signal()
        XCTAssertTrue(background.value)
    }

    func testTheValueIsTheWorksAndCanBeReadAgainFromManyThreads() {
        let background = Background { (1...1000).reduce(0, +) }
        XCTAssertEqual(background.value, 500_500)
        XCTAssertEqual(background.value, 500_500)
        let reads = Reads()
        DispatchQueue.concurrentPerform(iterations: 8) { k in reads.record(k, background.value) }
        XCTAssertEqual(reads.values, Array(repeating: 500_500, count: 8))
    }

    func testBackgroundValuesStartedFromEveryWorkerOfAFullPoolAllFinish() {
        // Every worker of a pool as wide as the machine waits for a value it started: each value needs a thread of
        // its own, since no worker of the pool is free to run it.
        let width = 2 * max(2, ProcessInfo.processInfo.activeProcessorCount)
        let reads = Reads()
        DispatchQueue.concurrentPerform(iterations: width) { k in
            let started = DispatchSemaphore(value: 0)
            let background = Background { () -> Int in
                started.signal()
                return k * k
            }
            // The value's thread runs while this worker waits; the timeout keeps a regression from hanging the suite.
            XCTAssertEqual(started.wait(timeout: .now() + 10), .success, "value \(k) never started")
            reads.record(k, background.value)
        }
        XCTAssertEqual(reads.values, (0..<width).map { $0 * $0 })
    }
}

/// Values recorded by index from several threads.
private final class Reads: @unchecked Sendable {
    private let lock = NSLock()
    private var byIndex: [Int: Int] = [:]

    func record(_ index: Int, _ value: Int) {
        lock.lock()
        byIndex[index] = value
        lock.unlock()
    }

    var values: [Int] {
        lock.lock()
        defer { lock.unlock() }
        return byIndex.keys.sorted().map { byIndex[$0]! }
    }
}
