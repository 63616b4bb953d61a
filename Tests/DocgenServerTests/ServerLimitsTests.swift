import DocgenBuild
@testable import DocgenServer
import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// Behavioural guarantees of the development server under clients that send nothing, or a byte at a
/// time: other requests are still answered at once, and such connections are closed, not kept forever.
final class ServerLimitsTests: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("limits-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("Content"), withIntermediateDirectories: true)
        try Data("# Intro\n\nHello.\n".utf8).write(to: folder.appendingPathComponent("Content/01-intro.md"))
    }

    override func tearDown() { try? FileManager.default.removeItem(at: folder) }

    /// A started server (its first build done) and its port.
    private func startServer(_ limits: DevelopmentServer.Limits = .init()) throws -> (DevelopmentServer, Int) {
        var options = BuildOptions(contentPath: folder.appendingPathComponent("Content").path,
                                   outputPath: folder.appendingPathComponent("Output").path)
        options.identity = "server-limits-test"
        let server = DevelopmentServer(options: options, port: 0, limits: limits)
        let port = try server.start()
        Thread.detachNewThread { server.run() }
        let deadline = Date().addingTimeInterval(30)
        while server.status.current.version == 0, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        XCTAssertEqual(server.status.current.version, 1, "first build")
        return (server, port)
    }

    func testARequestIsAnsweredInUnderASecondWhile200IdleAndSlowConnectionsAreOpen() throws {
        let (server, port) = try startServer()
        defer { server.stop() }
        var held: [Int32] = []
        defer { held.forEach { close($0) } }
        // 150 connections that send nothing, and 50 that send one byte of a request head every 2 s.
        for _ in 0..<150 { held.append(try XCTUnwrap(LoopbackClient.connect(port: port))) }
        var slow: [Int32] = []
        for _ in 0..<50 { slow.append(try XCTUnwrap(LoopbackClient.connect(port: port))) }
        held += slow
        let head = Array("GET /01-intro.html HTTP/1.1\r\n")
        for fd in slow { LoopbackClient.send(fd, String(head[0])) }
        Thread.sleep(forTimeInterval: 2)
        for fd in slow { LoopbackClient.send(fd, String(head[1])) }

        let started = Date()
        let page = try XCTUnwrap(LoopbackClient.get("/01-intro.html", port: port, timeout: 5))
        let seconds = Date().timeIntervalSince(started)
        XCTAssertTrue(page.hasPrefix("HTTP/1.1 200 OK"), String(page.prefix(200)))
        XCTAssertTrue(page.contains("Hello."))
        XCTAssertLessThan(seconds, 1.0, "one request waited behind 200 idle or slow connections")
    }

    func testConnectionsThatSendNoCompleteRequestHeadAreClosedAtTheDeadline() throws {
        var limits = DevelopmentServer.Limits()
        limits.requestDeadline = 0.5
        let (server, port) = try startServer(limits)
        defer { server.stop() }
        let idle = try XCTUnwrap(LoopbackClient.connect(port: port))
        let slow = try XCTUnwrap(LoopbackClient.connect(port: port))
        defer { close(idle); close(slow) }
        // The slow client sends a byte of a request head every 0.1 s: a timer reset by every read
        // would never close it; the deadline for a complete head does, about 0.5 s after it opened.
        let opened = Date()
        var closedAfter: Double?
        for byte in "GET /01-intro.html HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: aaaaaaaaaaaaaaaaaaaaaaaaaa" {
            LoopbackClient.send(slow, String(byte))
            if LoopbackClient.isClosedByServer(slow, within: 0.1) {
                closedAfter = Date().timeIntervalSince(opened)
                break
            }
        }
        let seconds = try XCTUnwrap(closedAfter, "a client trickling bytes was never closed")
        XCTAssertLessThan(seconds, 2.5, "trickling bytes does not extend the deadline")
        XCTAssertTrue(LoopbackClient.isClosedByServer(idle, within: 1), "an idle connection is not kept forever")
    }

    func testConnectionsOverTheLimitAreClosedAndTheServerRecovers() throws {
        var limits = DevelopmentServer.Limits()
        limits.maximumConnections = 4
        limits.requestDeadline = 3
        let (server, port) = try startServer(limits)
        defer { server.stop() }
        let held = try (0..<4).map { _ in try XCTUnwrap(LoopbackClient.connect(port: port)) }
        defer { held.forEach { close($0) } }
        Thread.sleep(forTimeInterval: 0.2)
        let extra = try XCTUnwrap(LoopbackClient.connect(port: port), "the kernel still accepts into the backlog")
        defer { close(extra) }
        XCTAssertTrue(LoopbackClient.isClosedByServer(extra, within: 1.5),
                      "the fifth connection is closed long before the held ones reach their 3 s deadline")
        XCTAssertTrue(held.allSatisfy { LoopbackClient.isClosedByServer($0, within: 5) }, "the held ones hit the deadline")
        XCTAssertTrue(LoopbackClient.get("/", port: port, timeout: 5)?.hasPrefix("HTTP/1.1 200") ?? false,
                      "then requests are served again")
    }

    func testStopClosesThePortAndEveryConnection() throws {
        let (server, port) = try startServer()
        let open = try XCTUnwrap(LoopbackClient.connect(port: port))
        defer { close(open) }
        server.stop()
        XCTAssertTrue(LoopbackClient.isClosedByServer(open, within: 2))
        XCTAssertNil(LoopbackClient.connect(port: port), "nothing listens after stop()")
    }

    func testAPortInUseIsReportedWithAHint() throws {
        let (server, port) = try startServer()
        defer { server.stop() }
        let second = DevelopmentServer(options: server.options, port: port)
        XCTAssertThrowsError(try second.start()) { error in
            XCTAssertEqual(error as? ServeError, .addressInUse(port: port))
            XCTAssertTrue("\(error)".contains("--port \(port + 1)"), "\(error)")
        }
    }
}
