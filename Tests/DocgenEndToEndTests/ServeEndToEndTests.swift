import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// `docgen serve`: builds, serves on 127.0.0.1 only, rebuilds on a content change.
final class ServeEndToEndTests: XCTestCase {
    func testServesTheSiteAndRebuildsWhenAChapterChanges() throws {
        let runner = try DocgenRunner()
        defer { runner.remove() }
        try runner.write("Content/01-intro.md", "# Intro\n\nFirst version.\n")
        let port = 20_000 + Int(getpid() % 20_000)
        let process = Process()
        process.executableURL = DocgenRunner.executable
        process.arguments = ["serve", "--port", String(port), "--quiet"]
        process.currentDirectoryURL = runner.folder
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { process.terminate(); process.waitUntilExit() }

        let page = try XCTUnwrap(Self.get("/01-intro.html", port: port, waitingUpTo: 30), "server never answered")
        XCTAssertTrue(page.contains("200 OK"))
        XCTAssertTrue(page.contains("First version."))
        let version = try XCTUnwrap(Self.get("/__docgen/version", port: port, waitingUpTo: 5))
        XCTAssertTrue(version.hasSuffix("\r\n\r\n0"))
        XCTAssertTrue(try XCTUnwrap(Self.get("/../../etc/passwd", port: port, waitingUpTo: 5)).hasPrefix("HTTP/1.1 403"))

        try runner.write("Content/01-intro.md", "# Intro\n\nSecond version.\n")
        var rebuilt = false
        for _ in 0..<100 {
            Thread.sleep(forTimeInterval: 0.2)
            if let v = Self.get("/__docgen/version", port: port, waitingUpTo: 1), v.hasSuffix("\r\n\r\n1") {
                rebuilt = true
                break
            }
        }
        XCTAssertTrue(rebuilt, "no rebuild after the chapter changed")
        XCTAssertTrue(try XCTUnwrap(Self.get("/01-intro.html", port: port, waitingUpTo: 5)).contains("Second version."))
    }

    /// A raw HTTP GET over a loopback socket (the request path is sent as is, `..` included).
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
                Thread.sleep(forTimeInterval: 0.2)
                continue
            }
            let request = Array("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".utf8)
            _ = request.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, 0) }
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
