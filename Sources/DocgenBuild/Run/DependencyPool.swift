import Foundation

/// Runs numbered tasks on up to `jobs` threads, each only after the tasks it depends on have
/// finished. Among the tasks that are ready, the lowest-numbered starts first, so callers
/// number tasks by priority (longest first).
///
/// @unchecked because the mutable bookkeeping (`unfinishedDependencies`, `dependents`, `ready`, `running`,
/// `remaining`) is only read and written while `condition` is locked, `body` is only called (never mutated) outside
/// it, and a pool lives only within one `run` call, which returns after every worker has left `work()`.
final class DependencyPool: @unchecked Sendable {
    private let condition = NSCondition()
    private var unfinishedDependencies: [Int]
    private var dependents: [[Int]]
    private var ready: [Int] = []
    private var running = 0
    private var remaining: Int
    private let body: (Int) -> Void

    /// - Parameter dependencies: `dependencies[i]` lists the tasks task `i` waits for; indices
    ///   outside `0..<count` are ignored. A cycle's tasks never run (nothing here makes one).
    private init(count: Int, dependencies: [[Int]], body: @escaping (Int) -> Void) {
        self.body = body
        remaining = count
        unfinishedDependencies = Array(repeating: 0, count: count)
        dependents = Array(repeating: [], count: count)
        for task in 0..<count {
            for dependency in Set(task < dependencies.count ? dependencies[task] : [])
            where dependency >= 0 && dependency < count && dependency != task {
                unfinishedDependencies[task] += 1
                dependents[dependency].append(task)
            }
        }
        ready = (0..<count).filter { unfinishedDependencies[$0] == 0 }
    }

    static func run(count: Int, dependencies: [[Int]], jobs: Int, _ body: @escaping (Int) -> Void) {
        guard count > 0 else { return }
        let pool = DependencyPool(count: count, dependencies: dependencies, body: body)
        let threads = max(1, min(jobs, count))
        if threads == 1 {
            pool.work()
        } else {
            DispatchQueue.concurrentPerform(iterations: threads) { _ in pool.work() }
        }
    }

    private func work() {
        condition.lock()
        while true {
            while ready.isEmpty && running > 0 { condition.wait() }
            guard let next = ready.min() else { break }  // nothing ready and nothing running: done
            ready.removeAll { $0 == next }
            running += 1
            condition.unlock()
            body(next)
            condition.lock()
            running -= 1
            remaining -= 1
            for task in dependents[next] {
                unfinishedDependencies[task] -= 1
                if unfinishedDependencies[task] == 0 { ready.append(task) }
            }
            condition.broadcast()
        }
        condition.broadcast()
        condition.unlock()
    }
}
