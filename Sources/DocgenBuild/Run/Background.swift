import Dispatch

/// A value computed on another thread while the caller goes on; `value` waits for it.
final class Background<Value: Sendable>: @unchecked Sendable {
    // Written once by the worker before it signals `done`; read only after waiting on `done`.
    private var result: Value?
    private let done = DispatchSemaphore(value: 0)

    init(_ work: @escaping @Sendable () -> Value) {
        DispatchQueue.global().async {
            self.result = work()
            self.done.signal()
        }
    }

    var value: Value {
        done.wait()
        done.signal()  // for a later read
        return result!
    }
}
