import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// `docgen serve` running in the background, its standard output and error going to files (not a
/// terminal, not a pipe), as when a user redirects them.
final class ServeProcess {
    let process = Process()
    let stdoutFile: URL
    let stderrFile: URL
    let port: Int

    init(in folder: URL, arguments: [String] = [], port: Int = ServeProcess.freePort()) throws {
        self.port = port
        stdoutFile = folder.appendingPathComponent("serve-stdout.txt")
        stderrFile = folder.appendingPathComponent("serve-stderr.txt")
        _ = FileManager.default.createFile(atPath: stdoutFile.path, contents: nil)
        _ = FileManager.default.createFile(atPath: stderrFile.path, contents: nil)
        process.executableURL = DocgenRunner.executable
        process.arguments = ["serve", "--port", String(port)] + arguments
        process.currentDirectoryURL = folder
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        process.environment = environment
        process.standardOutput = try FileHandle(forWritingTo: stdoutFile)
        process.standardError = try FileHandle(forWritingTo: stderrFile)
        try process.run()
    }

    var stdout: String { (try? String(contentsOf: stdoutFile, encoding: .utf8)) ?? "" }
    var stderr: String { (try? String(contentsOf: stderrFile, encoding: .utf8)) ?? "" }

    /// Waits up to `seconds` for `condition`; returns whether it came true.
    static func waitFor(_ seconds: Double, _ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition() { return true }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return condition()
    }

    /// Sends `signal` and waits up to `seconds` for the process to end; its exit status, or nil.
    func stop(with signal: Int32 = SIGTERM, waitingUpTo seconds: Double = 10) -> Int32? {
        guard process.isRunning else { return process.terminationStatus }
        kill(process.processIdentifier, signal)
        guard Self.waitFor(seconds, { !process.isRunning }) else {
            process.terminate()
            return nil
        }
        return process.terminationStatus
    }

    /// The status endpoint's JSON.
    func status() -> (version: Int, errors: [String])? {
        guard let response = Self.get("/__docgen/status", port: port, waitingUpTo: 2),
              let body = response.range(of: "\r\n\r\n").map({ response[$0.upperBound...] }),
              let object = try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any],
              let version = object["version"] as? Int, let errors = object["errors"] as? [String] else { return nil }
        return (version, errors)
    }

    /// A port nothing listens on now (the kernel's pick for port 0).
    static func freePort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length); return getsockname(fd, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// A raw HTTP GET over a loopback socket (the request path is sent as is, `..` included), retried
    /// until something answers or `seconds` pass.
    static func get(_ path: String, port: Int, waitingUpTo seconds: Double) -> String? {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            if connected != 0 {
                close(fd)
                Thread.sleep(forTimeInterval: 0.1)
                continue
            }
            let request = Array("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".utf8)
            _ = request.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            var response = [UInt8]()
            var buffer = [UInt8](repeating: 0, count: 65_536)
            while true {
                let n = recv(fd, &buffer, buffer.count, 0)
                if n <= 0 { break }
                response.append(contentsOf: buffer[0..<n])
            }
            close(fd)
            return String(decoding: response, as: UTF8.self)
        }
        return nil
    }
}
