@testable import DocgenBuild
import Foundation
import XCTest

/// The pipelined scheduler: dependencies are respected, every task runs once, priority is the index.
final class DependencyPoolTests: XCTestCase {
    private final class Log: @unchecked Sendable {
        let lock = NSLock()
        var started: [Int] = []
        var finished: Set<Int> = []
        var violations: [String] = []
    }

    func testEveryTaskRunsOnceAndOnlyAfterItsDependencies() {
        // Tasks 0..<5 are "experiments"; 5..<20 depend on one or two of them.
        let dependencies: [[Int]] = (0..<20).map { $0 < 5 ? [] : [$0 % 5, ($0 * 7) % 5] }
        for jobs in [1, 2, 4] {
            let log = Log()
            DependencyPool.run(count: 20, dependencies: dependencies, jobs: jobs) { task in
                log.lock.withLock {
                    for d in dependencies[task] where !log.finished.contains(d) {
                        log.violations.append("task \(task) started before \(d) finished")
                    }
                    log.started.append(task)
                }
                usleep(UInt32(task < 5 ? 2000 : 200))
                log.lock.withLock { _ = log.finished.insert(task) }
            }
            XCTAssertEqual(log.violations, [], "jobs \(jobs)")
            XCTAssertEqual(log.started.sorted(), Array(0..<20), "jobs \(jobs)")
        }
    }

    func testOneThreadRunsReadyTasksInIndexOrder() {
        let log = Log()
        // 2 waits for 3; so on one thread the order is 0, 1, 3, 2, 4.
        DependencyPool.run(count: 5, dependencies: [[], [], [3], [], []], jobs: 1) { task in
            log.started.append(task)
        }
        XCTAssertEqual(log.started, [0, 1, 3, 2, 4])
    }

    func testOutOfRangeAndSelfDependenciesAreIgnored() {
        let log = Log()
        DependencyPool.run(count: 3, dependencies: [[0], [7, -1], []], jobs: 2) { task in
            log.lock.withLock { log.started.append(task) }
        }
        XCTAssertEqual(log.started.sorted(), [0, 1, 2])
    }
}
